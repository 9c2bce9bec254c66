namespace CollabBot.Core.Scoring;

internal enum ComponentStatus { Ok, Missing, Suppressed }

// One component, 0–100. Missing (no data) and suppressed (fewer than k answered) carry no
// value, no SE and — for survey figures — no n: nothing derived from answers leaks.
internal sealed record ComponentValue(string Id, double? Value, double? Se, int? N, ComponentStatus Status)
{
    public static ComponentValue Missing(string id) => new(id, null, null, null, ComponentStatus.Missing);
    public static ComponentValue Of(string id, double value, double se, int n) => new(id, value, se, n, ComponentStatus.Ok);
    public static ComponentValue Rate(string id, int hits, int n)
    {
        if (n == 0) return Missing(id);
        var p = Math.Min(1.0, (double)hits / n);
        return Of(id, 100 * p, Stats.RateSe(p, n), n);
    }
}

// Every component of the cei-1 model, computed from a week's filtered inputs.
internal static class ComponentScores
{
    public static IReadOnlyDictionary<string, ComponentValue> Compute(WeekInputs w)
    {
        var all = new List<ComponentValue>();
        all.AddRange(CeiModel.DimensionIds.Select(d => Survey(w, d)));
        all.Add(Participation(w));
        all.Add(AnswerSpeed(w));
        all.AddRange(Goals(w));
        all.AddRange(Handoffs(w));
        all.AddRange(Recognition(w));
        return all.ToDictionary(c => c.Id);
    }

    public static ComponentValue Survey(WeekInputs w, string dimension)
    {
        var id = Components.Survey(dimension);
        var means = w.Submissions
            .Select(s => s.Values.Where(v => v.Dimension == dimension).Select(v => (double)v.Value).ToList())
            .Where(vs => vs.Count > 0)
            .Select(vs => vs.Average())
            .ToList();
        // People answered but no answer may be used (the round is open, or closed with fewer than
        // k): held back, not "no data".
        if (means.Count == 0) return w.Answers.Count > 0 ? new ComponentValue(id, null, null, null, ComponentStatus.Suppressed) : ComponentValue.Missing(id);
        if (means.Count < w.SurveyK) return new ComponentValue(id, null, null, null, ComponentStatus.Suppressed);
        var m = Stats.Mean(means);
        return ComponentValue.Of(id, 25 * (m - 1), 25 * Stats.SampleSd(means) / Math.Sqrt(means.Count), means.Count);
    }

    public static ComponentValue Participation(WeekInputs w)
    {
        var invited = w.Rounds.Sum(r => r.Invited.Distinct().Count());
        var answered = w.Rounds.Sum(r => Math.Min(r.Invited.Distinct().Count(), w.Answers.Count(a => a.Round.Id == r.Id)));
        return ComponentValue.Rate(Components.Participation, answered, invited);
    }

    public static ComponentValue AnswerSpeed(WeekInputs w)
    {
        if (w.Answers.Count == 0) return ComponentValue.Missing(Components.AnswerSpeed);
        var median = Stats.Median(w.Answers.Select(a => a.Hours));
        return ComponentValue.Of(Components.AnswerSpeed, 100 * Stats.Clamp01(1 - median / 48), 0, w.Answers.Count);
    }

    private static IEnumerable<ComponentValue> Goals(WeekInputs w)
    {
        var owners = w.ActiveGoals.Select(g => g.Goal.Owner!).ToHashSet();
        var ownerOf = w.ActiveGoals.ToDictionary(g => g.Goal.Id, g => g.Goal.Owner!);
        var checkedIn = w.CheckIns.Select(c => ownerOf[c.Goal]).ToHashSet();
        yield return ComponentValue.Rate(Components.CheckInRate, checkedIn.Count, owners.Count);

        yield return w.CheckIns.Count == 0
            ? ComponentValue.Missing(Components.Confidence)
            : ComponentValue.Of(Components.Confidence, 25 * (w.CheckIns.Average(c => (double)c.Confidence) - 1), 0, w.CheckIns.Count);

        var paces = w.ActiveGoals
            .Select(g => (g, latest: w.LatestCheckIn(g.Goal.Id)))
            .Where(x => x.latest is not null)
            .Select(x => GoalPace(x.g, x.latest!))
            .ToList();
        yield return paces.Count == 0
            ? ComponentValue.Missing(Components.Pace)
            : ComponentValue.Of(Components.Pace, 100 * paces.Average(), 0, paces.Count);

        yield return ComponentValue.Rate(Components.Linkage, w.ActiveGoals.Count(g => g.Goal.TeamGoal is not null), w.ActiveGoals.Count);

        yield return w.CheckIns.Count == 0
            ? ComponentValue.Missing(Components.BlockerFree)
            : ComponentValue.Of(Components.BlockerFree,
                100 * (1 - (double)w.CheckIns.Count(c => !string.IsNullOrWhiteSpace(c.Blocker)) / w.CheckIns.Count), 0, w.CheckIns.Count);
    }

    // pace_g = clamp(achieved / expected, 0, 1), expected capped at 1; 1 when expected ≤ 0.
    public static double GoalPace(ActiveGoal g, CheckInInfo c)
    {
        var length = (g.PeriodEnd - g.PeriodStart).TotalSeconds;
        var expected = length <= 0 ? 1 : Math.Min(1, (c.At - g.PeriodStart).TotalSeconds / length);
        var span = g.Goal.Target - g.Goal.StartValue;
        var achieved = span == 0 ? (c.Value >= g.Goal.Target ? 1 : 0) : (c.Value - g.Goal.StartValue) / span;
        return expected <= 0 ? 1 : Stats.Clamp01(achieved / expected);
    }

    // The feedback set shared by quality, completeness and speed: week W, or the trailing
    // four weeks when fewer than three were given in W.
    public static (IReadOnlyList<HandoffFeedbackInfo> Set, bool Trailing) FeedbackSet(WeekInputs w) =>
        w.WeekFeedback.Count >= 3 ? (w.WeekFeedback, false) : (w.TrailingFeedback, true);

    private static IEnumerable<ComponentValue> Handoffs(WeekInputs w)
    {
        var (set, _) = FeedbackSet(w);
        yield return set.Count == 0
            ? ComponentValue.Missing(Components.HandoffQuality)
            : ComponentValue.Of(Components.HandoffQuality, 25 * (set.Average(f => (double)f.Quality) - 1), 0, set.Count);

        var complete = set.Where(f => f.ItemsTotal > 0).ToList();
        yield return complete.Count == 0
            ? ComponentValue.Missing(Components.HandoffCompleteness)
            : ComponentValue.Of(Components.HandoffCompleteness,
                100 * complete.Average(f => Stats.Clamp01((double)f.ItemsPresent / f.ItemsTotal)), 0, complete.Count);

        var hours = set.Where(f => w.HandoffsById.ContainsKey(f.Handoff))
            .Select(f => (f.At - w.HandoffsById[f.Handoff].At).TotalHours).ToList();
        yield return hours.Count == 0
            ? ComponentValue.Missing(Components.HandoffSpeed)
            : ComponentValue.Of(Components.HandoffSpeed, 100 * Stats.Clamp01(1 - Stats.Median(hours) / 24), 0, hours.Count);

        yield return ComponentValue.Rate(Components.HandoffRatedShare,
            w.TrailingHandoffs.Count(h => w.FirstFeedbackAt.ContainsKey(h.Id)), w.TrailingHandoffs.Count);
    }

    private static IEnumerable<ComponentValue> Recognition(WeekInputs w)
    {
        var received = w.Received;
        var givers = w.TrailingKudos.Select(k => k.From).ToHashSet();
        var n = w.Members.Count;
        yield return ComponentValue.Rate(Components.RecognitionCoverage, received.Count(x => x.Value > 0), n);
        yield return ComponentValue.Rate(Components.GivingBreadth, w.Members.Count(m => givers.Contains(m.Id)), n);

        var counts = w.Members.Select(m => (double)received[m.Id]).ToList();
        yield return counts.Sum() == 0
            ? ComponentValue.Missing(Components.RecognitionEquality)
            : ComponentValue.Of(Components.RecognitionEquality, 100 * (1 - Stats.Gini(counts)), 0, n);
    }
}
