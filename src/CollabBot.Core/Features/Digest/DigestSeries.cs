using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.Digest;

// One line of the digest chart: a value per week, null where that week has no score.
// FallbackLabel is plain ASCII for renderers whose fonts cannot draw Label.
internal sealed record ChartLine(string Id, string Label, string FallbackLabel, IReadOnlyList<double?> Values);

// The chart behind a digest: the CEI and the seven dimensions over the weeks ending at the
// digest's week, oldest first. Pure data, so a PNG renderer, a page and tests share it.
internal sealed record DigestSeries(IReadOnlyList<string> Weeks, IReadOnlyList<ChartLine> Lines)
{
    public const int WeekCount = 8;
    public const string CeiId = "cei";

    // Built from whatever snapshots exist: a week without a snapshot, or a dimension without
    // a score, is a gap (null) — never 0, which would read as a real, terrible score
    // (cei-1 model: missing is never zero). Snapshots outside the window are ignored.
    public static DigestSeries For(IsoWeek last, IEnumerable<Snapshot> snapshots, Texts t)
    {
        var weeks = Enumerable.Range(0, WeekCount).Select(i => last.Minus(WeekCount - 1 - i).ToString()).ToList();
        var byWeek = new Dictionary<string, Snapshot>();
        foreach (var s in snapshots)
            if (weeks.Contains(s.Week)) byWeek.TryAdd(s.Week, s);
        Snapshot? At(string week) => byWeek.GetValueOrDefault(week);

        var lines = new List<ChartLine> { new(CeiId, t["digest.chart.cei"], "CEI", weeks.Select(w => At(w)?.Cei.Score).ToList()) };
        foreach (var d in CeiModel.Dimensions)
            lines.Add(new(d.Id, d.Name(t.Locale), d.NameEn,
                weeks.Select(w => At(w)?.Dimensions.FirstOrDefault(x => x.Id == d.Id)?.Score).ToList()));
        return new DigestSeries(weeks, lines);
    }

    public ChartLine Cei => Lines.First(l => l.Id == CeiId);

    // What a screen reader says instead of the picture: the window and the latest CEI.
    public string AltText(Texts t) =>
        t.F("digest.chart.alt", Weeks[0], Weeks[^1], Cei.Values[^1] is { } cei ? Insights.P(cei) : t["digest.no.data"]);
}
