namespace CollabBot.Core.Scoring;

// One team's records filtered to what week W may use, as of an instant
// (cei-1 model, Time and Components: windows, counted members, active goals).
internal sealed class WeekInputs
{
    public required IsoWeek Week { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required DateTimeOffset AsOf { get; init; }
    public required DateTimeOffset TrailingStart { get; init; }
    public required int K { get; init; }
    // The k survey figures are held to: the round's own from its close, else the team's.
    public required int SurveyK { get; init; }
    public required IReadOnlyList<MemberInfo> Members { get; init; }
    public required IReadOnlyList<PulseRoundInfo> Rounds { get; init; }
    // Per round: one submission per respondent (the earliest valid one).
    public required IReadOnlyList<Submission> Submissions { get; init; }
    // Whether and when people answered W's rounds, as of the as-of instant: one entry per
    // answer, the hours from its round's send (whole hours where the round gives answerHours).
    public required IReadOnlyList<(PulseRoundInfo Round, double Hours)> Answers { get; init; }
    public required IReadOnlyList<ActiveGoal> ActiveGoals { get; init; }
    public required IReadOnlyList<CheckInInfo> CheckIns { get; init; }
    public required IReadOnlyList<KudosInfo> TrailingKudos { get; init; }
    public required IReadOnlyList<HandoffInfo> TrailingHandoffs { get; init; }
    public required IReadOnlyList<HandoffFeedbackInfo> WeekFeedback { get; init; }
    public required IReadOnlyList<HandoffFeedbackInfo> TrailingFeedback { get; init; }
    public required IReadOnlyDictionary<string, HandoffInfo> HandoffsById { get; init; }
    public required IReadOnlyDictionary<string, DateTimeOffset> FirstFeedbackAt { get; init; }

    private Dictionary<string, CheckInInfo>? _latest;
    private Dictionary<string, int>? _received;

    // The latest check-in of W on a goal (of equal instants, the last recorded).
    public CheckInInfo? LatestCheckIn(string goalId) =>
        (_latest ??= CheckIns.GroupBy(c => c.Goal).ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).Last()))
        .GetValueOrDefault(goalId);

    // Kudos received in the trailing four weeks by each counted member; a kudos to two
    // people counts one for each.
    public IReadOnlyDictionary<string, int> Received => _received ??= CountReceived();

    private Dictionary<string, int> CountReceived()
    {
        var counts = Members.ToDictionary(m => m.Id, _ => 0);
        foreach (var k in TrailingKudos)
            foreach (var to in k.To.Distinct())
                if (counts.TryGetValue(to, out var n)) counts[to] = n + 1;
        return counts;
    }

    public static WeekInputs Build(TeamData data, IsoWeek week, DateTimeOffset asOf)
    {
        var zone = Zones.Find(data.Team.TimeZone);
        var start = week.Start(zone);
        var end = week.End(zone);
        var trailingStart = week.Minus(3).Start(zone);
        bool InWeek(DateTimeOffset t) => t >= start && t < end && t <= asOf;
        bool InTrailing(DateTimeOffset t) => t >= trailingStart && t < end && t <= asOf;

        var members = data.Members
            .Where(m => m.JoinedAt < end && m.JoinedAt <= asOf && !(m.LeftAt is { } left && left < start && left <= asOf))
            .ToList();
        var counted = members.Select(m => m.Id).ToHashSet();

        var label = week.ToString();
        var rounds = data.PulseRounds.Where(r => r.Week is null ? InWeek(r.SentAt) : r.Week == label && r.SentAt <= asOf).ToList();
        var submissions = BuildSubmissions(data, rounds, asOf, zone);

        var activeGoals = data.Goals
            .Where(g => g.Owner is not null && counted.Contains(g.Owner))
            .Select(g => new ActiveGoal(g, DayStart(g.StartDate, zone), DayStart(Calendar(g.DueDate).AddDays(1), zone)))
            .Where(g => g.PeriodStart < end && g.PeriodEnd > start)
            .ToList();
        var activeIds = activeGoals.Select(g => g.Goal.Id).ToHashSet();
        var checkIns = data.CheckIns.Where(c => activeIds.Contains(c.Goal) && InWeek(c.At) && c.Confidence is >= 1 and <= 5).ToList();

        var feedback = data.HandoffFeedback.Where(f => f.Quality is >= 1 and <= 5).ToList();
        var firstFeedback = feedback.Where(f => f.At <= asOf)
            .GroupBy(f => f.Handoff).ToDictionary(g => g.Key, g => g.Min(f => f.At));

        return new WeekInputs
        {
            Week = week,
            Start = start,
            End = end,
            AsOf = asOf,
            TrailingStart = trailingStart,
            K = Math.Max(3, data.Team.AnonymityThreshold),
            SurveyK = rounds.Count > 0 && rounds.All(r => r.AnonymityThreshold is not null)
                ? Math.Max(3, rounds.Max(r => r.AnonymityThreshold!.Value)) : Math.Max(3, data.Team.AnonymityThreshold),
            Members = members,
            Rounds = rounds,
            Submissions = submissions,
            Answers = BuildAnswers(rounds, submissions, asOf, zone),
            ActiveGoals = activeGoals,
            CheckIns = checkIns,
            TrailingKudos = data.Kudos.Where(k => InTrailing(k.At)).ToList(),
            TrailingHandoffs = data.Handoffs.Where(h => InTrailing(h.At)).ToList(),
            WeekFeedback = feedback.Where(f => InWeek(f.At)).ToList(),
            TrailingFeedback = feedback.Where(f => InTrailing(f.At)).ToList(),
            HandoffsById = data.Handoffs.GroupBy(h => h.Id).ToDictionary(g => g.Key, g => g.First()),
            FirstFeedbackAt = firstFeedback,
        };
    }

    // A stored date at the calendar's ends (9999-12-31 from before due dates were bounded, or an
    // export written by hand) would overflow the day after it or a zone's offset: it is read a
    // year inside them, which changes no week a digest can be about.
    private static readonly DateOnly First = new(2, 1, 1), Last = new(9998, 12, 31);

    private static DateOnly Calendar(DateOnly d) => d < First ? First : d > Last ? Last : d;

    private static DateTimeOffset DayStart(DateOnly d, TimeZoneInfo zone) => IsoWeek.LocalMidnight(Calendar(d), zone);

    // A round never stays open past the end of the week it was sent in; answers outside
    // [sent, closes] or after the as-of instant are ignored, and so are values outside 1–5.
    private static List<Submission> BuildSubmissions(TeamData data, List<PulseRoundInfo> rounds, DateTimeOffset asOf, TimeZoneInfo zone)
    {
        var byId = rounds.ToDictionary(r => r.Id, r =>
        {
            var sentWeekEnd = IsoWeek.Containing(r.SentAt, zone).End(zone);
            return (Round: r, Closes: r.ClosesAt < sentWeekEnd ? r.ClosesAt : sentWeekEnd, Questions: r.Questions.ToDictionary(q => q.Id));
        });
        var result = new List<Submission>();
        foreach (var group in data.PulseAnswers.Where(a => byId.ContainsKey(a.Round)).GroupBy(a => (a.Round, a.Respondent)))
        {
            var (round, closes, questions) = byId[group.Key.Round];
            // An answer without a time counts once its round has closed as of the as-of instant:
            // survey figures come only from closed rounds.
            var first = group
                .Where(a => a.AnsweredAt is { } at ? at >= round.SentAt && at <= closes && at <= asOf : closes <= asOf)
                .Select(a => new Submission(round, a.Respondent, a.AnsweredAt,
                    a.Answers.Where(kv => kv.Value is >= 1 and <= 5 && questions.ContainsKey(kv.Key))
                        .Select(kv => (questions[kv.Key].Dimension, Favourable(questions[kv.Key], kv.Value)))
                        .ToList()))
                .Where(s => s.Values.Count > 0)
                .OrderBy(s => s.AnsweredAt)
                .FirstOrDefault();
            if (first is not null) result.Add(first);
        }
        return result;
    }

    private static List<(PulseRoundInfo, double)> BuildAnswers(List<PulseRoundInfo> rounds, List<Submission> submissions, DateTimeOffset asOf, TimeZoneInfo zone)
    {
        var result = new List<(PulseRoundInfo, double)>();
        foreach (var r in rounds)
        {
            if (r.AnswerHours is null)
            {
                result.AddRange(submissions.Where(s => s.Round.Id == r.Id && s.AnsweredAt is not null)
                    .Select(s => (r, (s.AnsweredAt!.Value - r.SentAt).TotalHours)));
                continue;
            }
            var weekEnd = IsoWeek.Containing(r.SentAt, zone).End(zone);
            var complete = (r.ClosesAt < weekEnd ? r.ClosesAt : weekEnd) <= asOf;
            result.AddRange(r.AnswerHours.Where(h => h >= 0 && (complete || r.SentAt.AddHours(h) <= asOf)).Select(h => (r, (double)h)));
        }
        return result;
    }

    // Likert 5 is the favourable end; a reversed question is scored as 6 − answer.
    private static int Favourable(QuestionInfo q, int answer) => q.Reversed ? 6 - answer : answer;
}

internal sealed record Submission(PulseRoundInfo Round, string Respondent, DateTimeOffset? AnsweredAt, IReadOnlyList<(string Dimension, int Value)> Values);

internal sealed record ActiveGoal(GoalInfo Goal, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd);
