using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.Handoffs;

// Handoff quality of one role pair over a window: handoffs made in it, and of the ratings given
// in it, how many, their mean quality (1–5), checklist completeness (mean present / total, %),
// the item most often missing, and the median hours from handoff to rating.
internal sealed record HandoffPairRow(string Pair, int Made, int Rated, double? Quality, double? Completeness,
    string? MostMissing, int MostMissingCount, double? HoursToRating)
{
    // Figures for a pair rated fewer than k times are not shown, as for the weakest-pair insight.
    public bool Reportable(int k) => Rated >= k;
}

// Pure: the same handoffs and ratings give the same rows. The digest page and the `team` view
// read them; the window is [From, To) and nothing rated after AsOf counts.
internal static class HandoffPairStats
{
    // The chain's own pairs first, in its order; any other pair after them, by name.
    private static readonly string[] ChainOrder = ["SDR>AE", "AE>SE", "SE>AE", "AE>CSM", "CSM>AM"];

    public static IReadOnlyList<HandoffPairRow> Compute(IReadOnlyList<HandoffInfo> handoffs, IReadOnlyList<HandoffFeedbackInfo> feedback,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf)
    {
        var byId = handoffs.GroupBy(h => h.Id).ToDictionary(g => g.Key, g => g.First());
        bool In(DateTimeOffset at) => at >= from && at < to && at <= asOf;
        var made = handoffs.Where(h => In(h.At)).GroupBy(h => PairOf(h)).ToDictionary(g => g.Key, g => g.Count());
        // A handoff is rated once; a second rating of the same one (an import, say) is not counted again.
        var rated = feedback.Where(f => In(f.At) && f.Quality is >= 1 and <= 5 && byId.ContainsKey(f.Handoff))
            .GroupBy(f => f.Handoff).Select(g => g.OrderBy(f => f.At).First())
            .GroupBy(f => PairOf(byId[f.Handoff])).ToDictionary(g => g.Key, g => g.ToList());

        return made.Keys.Union(rated.Keys)
            .OrderBy(p => Array.IndexOf(ChainOrder, p) is var i and >= 0 ? i : ChainOrder.Length).ThenBy(p => p, StringComparer.Ordinal)
            .Select(pair => Row(pair, made.GetValueOrDefault(pair), rated.GetValueOrDefault(pair) ?? [], byId))
            .ToList();
    }

    private static HandoffPairRow Row(string pair, int made, List<HandoffFeedbackInfo> rated, Dictionary<string, HandoffInfo> byId)
    {
        if (rated.Count == 0) return new HandoffPairRow(pair, made, 0, null, null, null, 0, null);
        var complete = rated.Where(f => f.ItemsTotal > 0).ToList();
        var missing = rated.SelectMany(f => (f.Missing ?? []).Distinct()).GroupBy(m => m)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        var hours = rated.Select(f => Math.Max(0, (f.At - byId[f.Handoff].At).TotalHours)).ToList();
        return new HandoffPairRow(pair, made, rated.Count, rated.Average(f => (double)f.Quality),
            complete.Count == 0 ? null : 100 * complete.Average(f => Stats.Clamp01((double)f.ItemsPresent / f.ItemsTotal)),
            missing?.Key, missing?.Count() ?? 0, Stats.Median(hours));
    }

    private static string PairOf(HandoffInfo h) => h.RolePair ?? $"{SalesRoles.None}>{SalesRoles.None}";
}
