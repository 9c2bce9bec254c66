using CollabBot.Core.Cards;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.Focus;

// The focus as the channel hears of it (set, closed), and its lines in a digest.
internal static class FocusCards
{
    public static string Name(Texts t, string dimension) => CeiModel.Dimension(dimension).Name(t.Locale);

    public static string Score(Texts t, double? score, double? se) => score is null ? t["digest.no.data"] : $"{Insights.P(score)} ±{Insights.P(se)}";

    // "62 → 75: ▲ +13, beyond its noise (±9)", or why there is nothing to compare.
    public static string Change(Texts t, FocusReport r)
    {
        if (r.Week is null) return t["focus.change.no.digest"];
        if (r.From is null) return t.F("focus.change.no.baseline", r.Since);
        if (r.To is null || r.Change is not { } c) return t.F("focus.change.no.score", r.Week);
        var (from, to, noise) = (Insights.P(r.From), Insights.P(r.To), Insights.P(c.Threshold));
        return c.Trend switch
        {
            Trend.Rise => t.F("focus.change.rise", from, to, Insights.P(c.Delta), noise),
            Trend.Drop => t.F("focus.change.drop", from, to, Insights.P(Math.Abs(c.Delta ?? 0)), noise),
            _ => t.F("focus.change.steady", from, to, Signed(c.Delta), noise),
        };
    }

    public static string Line(Texts t, FocusReport r) =>
        t.F("focus.line", Name(t, r.Dimension), r.Action, r.Week is null ? r.Since : $"{r.Since} → {r.Week}", Change(t, r));

    // The digest's section: each focus covering the digest's week.
    public static IEnumerable<CardElement> DigestSection(Texts t, IReadOnlyList<FocusReport> reports)
    {
        if (reports.Count == 0) yield break;
        yield return new Header(t["digest.focus"]);
        yield return new TextBlock(string.Join("\n", reports.Select(r => Line(t, r))));
    }

    // To the team channel when a manager sets the focus. Mentions are `<@id>`: each platform
    // draws them as its own mention.
    public static Card Set(Texts t, string dimension, string action, string setBy, string baselineWeek, double? score, double? se) =>
        new("focus.set", t.F("focus.card.fallback", Name(t, dimension), action),
        [
            new Header(t.F("focus.card.title", Name(t, dimension))),
            new TextBlock($"“{action}”"),
            new TextBlock(t.F("focus.card.by", $"<@{setBy}>", Score(t, score, se), baselineWeek, Name(t, dimension)), Subtle: true),
        ]);

    public static Card Closed(Texts t, FocusReport r, string closedBy) => new("focus.closed", t.F("focus.closed.fallback", Name(t, r.Dimension), r.Action),
    [
        new Header(t.F("focus.closed.title", Name(t, r.Dimension))),
        new TextBlock($"“{r.Action}”"),
        new FactSet([new Fact(r.Week is null ? r.Since : $"{r.Since} → {r.Week}", Change(t, r))]),
        .. (r.Note is null ? Array.Empty<CardElement>() : [new TextBlock(t.F("focus.note", r.Note))]),
        new TextBlock(t.F("focus.closed.by", $"<@{closedBy}>"), Subtle: true),
    ]);

    private static string Signed(double? x) => Math.Round(x ?? 0, MidpointRounding.AwayFromZero) switch
    {
        > 0 => "+" + Insights.P(x),
        < 0 => "−" + Insights.P(Math.Abs(x!.Value)),
        _ => "0",
    };

    // Sample cards for the catalogue (goldens, schema checks).
    public static IEnumerable<(string, object)> Samples(Texts t)
    {
        var rose = new FocusReport("recognition", "Thank one teammate in the channel every Friday", "2026-W45", 48.2, 4.1, "2026-W47", 63.9, 4.4, true,
            "Kudos on Fridays stuck; keep going");
        yield return ("focus.set", Set(t, "recognition", rose.Action, "U0ANA", "2026-W45", 48.2, 4.1));
        yield return ("focus.closed.rise", Closed(t, rose, "U0ANA"));
        yield return ("focus.closed.steady", Closed(t, rose with { To = 51.0, Note = null }, "U0ANA"));
        yield return ("focus.closed.no-digest", Closed(t, rose with { Week = null, To = null, ToSe = null, Note = null }, "U0ANA"));
    }
}
