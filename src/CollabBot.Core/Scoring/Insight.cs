using System.Globalization;

namespace CollabBot.Core.Scoring;

internal sealed record Insight(string Kind, string Text, IReadOnlyDictionary<string, object?> Evidence);

// The insights of the cei-1 model in their order, at most five. The channel view never
// names a person; the manager view names members and goals.
internal static class Insights
{
    public const int Max = 5;

    public static IReadOnlyList<Insight> For(TeamData data, WeekScore now, IReadOnlyList<Change> changes, bool managerView)
    {
        var w = now.Inputs;
        var names = data.Members.ToDictionary(m => m.Id, m => m.Name);
        var window = $"{w.Week.Minus(3)}..{w.Week}";
        var list = new List<Insight>();

        foreach (var c in changes.Where(c => c.Id != "cei" && c.Trend == Trend.Drop).OrderBy(c => c.Delta))
            list.Add(Move("drop", "dropped", c, w.Week));

        var lowest = now.Dimensions.Where(d => d.Score is not null).OrderBy(d => d.Score).FirstOrDefault();
        if (lowest is not null && lowest.Score < 60)
            list.Add(new("lowest-dimension", $"{lowest.Def.NameEn} is the lowest dimension at {P(lowest.Score)} (±{P(lowest.Se)}).",
                Ev(("dimension", lowest.Def.Id), ("score", lowest.Score), ("se", lowest.Se), ("week", w.Week.ToString()))));

        var received = w.Received;
        var unrecognised = w.Members.Where(m => received[m.Id] == 0).Select(m => m.Id).ToList();
        if (unrecognised.Count > 0)
            list.Add(People("no-kudos", unrecognised, names, managerView, window,
                n => n == 1 ? "1 member received no kudos in the last 4 weeks" : $"{n} members received no kudos in the last 4 weeks", "Received no kudos in the last 4 weeks"));

        var checkedIn = w.CheckIns.Select(c => c.Goal).ToHashSet();
        var overdueOwners = w.ActiveGoals.GroupBy(g => g.Goal.Owner!)
            .Where(g => !g.Any(x => checkedIn.Contains(x.Goal.Id))).Select(g => g.Key).ToList();
        if (overdueOwners.Count > 0)
            list.Add(People("check-ins-overdue", overdueOwners, names, managerView, w.Week.ToString(),
                n => n == 1 ? "1 goal owner has not checked in this week" : $"{n} goal owners have not checked in this week", "No check-in this week"));

        var atRisk = AtRisk(w);
        if (atRisk.Count > 0)
        {
            var ev = Ev(("count", atRisk.Count), ("window", w.Week.ToString()), ("rule", "confidence <= 2 or pace < 0.7"));
            var text = atRisk.Count == 1 ? "1 goal at risk (confidence ≤ 2 or pace below 70%)" : $"{atRisk.Count} goals at risk (confidence ≤ 2 or pace below 70%)";
            if (managerView)
            {
                ev["goals"] = atRisk.Select(r => new Dictionary<string, object?>
                {
                    ["goal"] = r.Goal.Goal.Id,
                    ["title"] = r.Goal.Goal.Title,
                    ["owner"] = r.Goal.Goal.Owner,
                    ["ownerName"] = names.GetValueOrDefault(r.Goal.Goal.Owner!),
                    ["confidence"] = r.Confidence,
                    ["pace"] = r.Pace,
                }).ToList();
                text += ": " + string.Join(", ", atRisk.Select(r => $"{r.Goal.Goal.Title} ({names.GetValueOrDefault(r.Goal.Goal.Owner!)})"));
            }
            list.Add(new("goals-at-risk", text + ".", ev));
        }

        if (WeakestPair(w) is { } pair) list.Add(pair);

        var participation = now.Components[Components.Participation];
        if (participation.Value is < 60)
            list.Add(new("low-participation", $"Pulse participation was {P(participation.Value)}% (below 60%).",
                Ev(("rate", participation.Value), ("invited", participation.N), ("week", w.Week.ToString()))));

        foreach (var c in changes.Where(c => c.Id != "cei" && c.Trend == Trend.Rise).OrderByDescending(c => c.Delta))
            list.Add(Move("rise", "rose", c, w.Week));

        return list.Take(Max).ToList();
    }

    private sealed record Risk(ActiveGoal Goal, int Confidence, double Pace);

    private static List<Risk> AtRisk(WeekInputs w) =>
        w.ActiveGoals
            .Select(g => (g, c: w.LatestCheckIn(g.Goal.Id)))
            .Where(x => x.c is not null)
            .Select(x => new Risk(x.g, x.c!.Confidence, ComponentScores.GoalPace(x.g, x.c)))
            .Where(r => r.Confidence <= 2 || r.Pace < 0.7)
            .OrderBy(r => r.Pace).ThenBy(r => r.Goal.Goal.Id, StringComparer.Ordinal)
            .ToList();

    // The role pair with the lowest mean quality among pairs rated at least k times in the
    // trailing four weeks, with its most often missing checklist item where known.
    private static Insight? WeakestPair(WeekInputs w)
    {
        var weakest = w.TrailingFeedback
            .Where(f => w.HandoffsById.TryGetValue(f.Handoff, out var h) && h.RolePair is not null)
            .GroupBy(f => w.HandoffsById[f.Handoff].RolePair!)
            .Where(g => g.Count() >= w.K)
            .Select(g => (pair: g.Key, items: g.ToList(), score: 25 * (g.Average(f => (double)f.Quality) - 1)))
            .OrderBy(x => x.score).ThenBy(x => x.pair, StringComparer.Ordinal)
            .FirstOrDefault();
        if (weakest.items is null) return null;
        var missing = weakest.items.SelectMany(f => f.Missing ?? []).GroupBy(m => m)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        var text = $"Weakest handoff pair: {weakest.pair.Replace(">", "→")} at {P(weakest.score)} over {weakest.items.Count} rated handoffs";
        if (missing is not null) text += $"; most often missing: \"{missing.Key}\" ({missing.Count()}×)";
        return new("weak-handoff-pair", text + ".", Ev(("pair", weakest.pair), ("n", weakest.items.Count), ("quality", weakest.score),
            ("missingItem", missing?.Key), ("missingCount", missing?.Count()), ("window", $"{w.Week.Minus(3)}..{w.Week}")));
    }

    private static Insight Move(string kind, string verb, Change c, IsoWeek week)
    {
        var name = CeiModel.Dimension(c.Id).NameEn;
        return new(kind, $"{name} {verb} {P(Math.Abs(c.Delta!.Value))} points ({P(c.Previous)} → {P(c.Previous + c.Delta)}), beyond its noise (±{P(c.Threshold)}).",
            Ev(("dimension", c.Id), ("delta", c.Delta), ("previous", c.Previous), ("threshold", c.Threshold),
               ("window", $"{week.Previous()} → {week}")));
    }

    private static Insight People(string kind, List<string> ids, Dictionary<string, string> names, bool managerView,
        string window, Func<int, string> countText, string namedText)
    {
        var ev = Ev(("count", ids.Count), ("window", window));
        if (!managerView) return new(kind, countText(ids.Count) + ".", ev);
        var sorted = ids.OrderBy(id => names.GetValueOrDefault(id), StringComparer.Ordinal).ToList();
        ev["members"] = sorted;
        ev["names"] = sorted.Select(id => names.GetValueOrDefault(id)).ToList();
        return new(kind, $"{namedText}: {string.Join(", ", sorted.Select(id => names.GetValueOrDefault(id)))}.", ev);
    }

    private static Dictionary<string, object?> Ev(params (string Key, object? Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value);

    public static string P(double? x) => x is null ? "–" : Math.Round(x.Value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
}
