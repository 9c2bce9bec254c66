namespace CollabBot.Core.Scoring;

internal enum Trend { Rise, Drop, Steady, NoData, NotComparable }

// A week-over-week change (cei-1 model, Significance).
internal sealed record Change(string Id, double? Delta, double? Threshold, bool Significant, Trend Trend, double? Previous)
{
    public static Change Between(string id, double? now, double? seNow, double? prev, double? sePrev)
    {
        if (now is null || prev is null) return new Change(id, null, null, false, Trend.NoData, prev);
        var delta = now.Value - prev.Value;
        var threshold = Math.Max(5, 1.96 * Math.Sqrt(seNow!.Value * seNow.Value + sePrev!.Value * sePrev.Value));
        var significant = Math.Abs(delta) >= threshold;
        var trend = !significant ? Trend.Steady : delta > 0 ? Trend.Rise : Trend.Drop;
        return new Change(id, delta, threshold, significant, trend, prev);
    }

    // No CEI change when the two weeks did not score the same set of dimensions.
    public static Change ForCei(CeiScore now, CeiScore prev) =>
        now.Score is not null && prev.Score is not null && !now.Scored.SequenceEqual(prev.Scored)
            ? new Change("cei", null, null, false, Trend.NotComparable, prev.Score)
            : Between("cei", now.Score, now.Se, prev.Score, prev.Se);
}
