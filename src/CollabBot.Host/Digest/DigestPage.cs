using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Focus;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;

namespace CollabBot.Host.Digest;

// The full digest as one server-rendered HTML page: the manager view of a stored snapshot
// (what `digest explain` shows a manager, plus the chart). A pure function of its inputs;
// every piece of data goes through the HTML encoder, whatever its source.
internal static class DigestPage
{
    // Keeps Chinese readable in the source while still encoding markup characters.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    // focus: the team's focus actions; pairs: handoff quality by role pair (DigestPagePairs); comments: the week's
    // anonymous comments or why they are sealed (DigestPageComments); null leaves a section out.
    public static string Render(Texts t, Snapshot s, DigestSeries series, string chartSrc, DateTimeOffset expires,
        IReadOnlyList<FocusReport>? focus = null, IReadOnlyList<Core.Features.Handoffs.HandoffPairRow>? pairs = null,
        Core.Features.Comments.DigestComments? comments = null)
    {
        var zone = Zones.Find(s.Team.TimeZone);
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var title = t.F("digest.title", s.Team.Name, s.Week);
        var k = s.Team.AnonymityThreshold;

        var b = new StringBuilder(16 * 1024);
        b.Append("<!doctype html>\n<html lang=\"").Append(E(t.Locale)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<meta name=\"robots\" content=\"noindex, nofollow\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
         .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(DigestPageStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n");

        b.Append("<header>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"note\">")
         .Append(E(t.F("page.private", $"{Local(expires)} ({s.Team.TimeZone})"))).Append("</p>\n</header>\n");

        b.Append("<section aria-labelledby=\"cei\">\n<h2 id=\"cei\">").Append(E(t["page.cei"])).Append("</h2>\n<p><span class=\"cei-score\">")
         .Append(E(Insights.P(s.Cei.Score))).Append("</span> <span class=\"se\">").Append(E(DigestWords.Uncertainty(t, s.Cei.Se, null).Trim())).Append("</span></p>\n");
        WriteTrend(b, t, s.Cei.Trend, s.Cei.Score - s.Cei.Previous);
        b.Append("<p class=\"muted\">").Append(E(t.F("page.coverage", s.Cei.Coverage, s.Cei.Dimensions))).Append("<br>")
         .Append(E(DigestWords.Participation(t, s, null)));
        if (s.HandoffFeedbackWindow == "trailing-4-weeks") b.Append("<br>").Append(E(t["digest.handoff.trailing"]));
        b.Append("</p>\n</section>\n");

        b.Append("<section aria-labelledby=\"chart\">\n<h2 id=\"chart\">").Append(E(t["page.chart"])).Append("</h2>\n<img src=\"")
         .Append(E(chartSrc)).Append("\" alt=\"").Append(E(series.AltText(t))).Append("\" width=\"").Append(DigestChart.Width)
         .Append("\" height=\"").Append(DigestChart.Height).Append("\">\n</section>\n");

        b.Append("<section aria-labelledby=\"dims\">\n<h2 id=\"dims\">").Append(E(t["page.dimensions"])).Append("</h2>\n<div class=\"dims\">\n");
        foreach (var d in s.Dimensions) Dimension(b, t, d, s.Inputs.K, s.Participation.Rounds);
        b.Append("</div>\n</section>\n");

        if (pairs is not null) DigestPagePairs.Write(b, t, s, pairs);

        var insights = s.ManagerInsights;
        b.Append("<section aria-labelledby=\"insights\">\n<h2 id=\"insights\">").Append(E(t["digest.insights"])).Append("</h2>\n");
        if (insights.Count == 0) b.Append("<p>").Append(E(t["digest.no.insights"])).Append("</p>\n");
        else
        {
            b.Append("<ol>\n");
            foreach (var i in insights) b.Append("<li>").Append(E(InsightText.Render(i, t))).Append("</li>\n");
            b.Append("</ol>\n");
        }
        b.Append("</section>\n");
        if (comments is not null) DigestPageComments.Write(b, t, comments);
        Focus(b, t, focus ?? []);
        b.Append("<footer>").Append(E(t.F("page.model", s.Model, Local(s.AsOf), s.Team.TimeZone))).Append("</footer>\n");
        b.Append("</main>\n</body>\n</html>\n");
        return b.ToString();
    }

    private static void Dimension(StringBuilder b, Texts t, SnapshotDimension d, int k, int rounds)
    {
        var name = CeiModel.IsDimension(d.Id) ? CeiModel.Dimension(d.Id).Name(t.Locale) : d.Name;
        b.Append("<article>\n<h3><span>").Append(E(name)).Append("</span><span>")
         .Append(E(d.Score is null ? t["digest.no.data"] : Insights.P(d.Score) + DigestWords.Uncertainty(t, d.Se, DigestWords.DimensionN(d)))).Append("</span></h3>\n");
        if (d.Score is not null) WriteTrend(b, t, d.Trend, d.Score - d.Previous);
        b.Append("<table>\n<thead><tr><th scope=\"col\">").Append(E(t["page.component"])).Append("</th><th scope=\"col\">")
         .Append(E(t["page.value"])).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var c in d.Components)
            b.Append("<tr><td>").Append(E(DigestWords.ComponentName(t, c.Id))).Append("</td><td>")
             .Append(E(DigestCards.ComponentValue(t, c, k, d.Id, rounds: rounds))).Append("</td></tr>\n");
        b.Append("</tbody>\n</table>\n</article>\n");
    }

    // The team's focus actions, newest first: what was set, by whom, and how the dimension moved.
    private static void Focus(StringBuilder b, Texts t, IReadOnlyList<FocusReport> focus)
    {
        b.Append("<section aria-labelledby=\"focus\">\n<h2 id=\"focus\">").Append(E(t["page.focus"])).Append("</h2>\n");
        if (focus.Count == 0) b.Append("<p>").Append(E(t["page.focus.none"])).Append("</p>\n");
        foreach (var f in focus)
        {
            b.Append("<article>\n<h3><span>").Append(E(FocusCards.Name(t, f.Dimension))).Append("</span><span>")
             .Append(E(f.Closed ? t["page.focus.closed"] : t["page.focus.open"])).Append("</span></h3>\n<p>“").Append(E(f.Action)).Append("”</p>\n")
             .Append("<p class=\"muted\">").Append(E(t.F("page.focus.set", f.SetBy ?? "", f.Since, FocusCards.Score(t, f.From, f.FromSe))));
            if (f.Closed) b.Append("<br>").Append(E(t.F("page.focus.closed.by", f.ClosedBy ?? "")));
            b.Append("</p>\n<p class=\"trend").Append(TrendCss(f.Change?.Trend)).Append("\">").Append(E(FocusCards.Line(t, f))).Append("</p>\n");
            if (f.Note is not null) b.Append("<p>").Append(E(t.F("focus.note", f.Note))).Append("</p>\n");
            b.Append("</article>\n");
        }
        b.Append("</section>\n");
    }

    private static void WriteTrend(StringBuilder b, Texts t, Trend trend, double? delta) =>
        b.Append("<p class=\"trend").Append(TrendCss(trend)).Append("\">").Append(E(DigestCards.Trend(t, trend, delta))).Append("</p>\n");

    private static string TrendCss(Trend? trend) => trend switch { Trend.Rise => " trend-rise", Trend.Drop => " trend-drop", _ => "" };

    // Survey components share one name (the dimension says which survey); an id this version
    // does not know is shown as it is rather than failing the page.
    private static string E(string text) => Html.Encode(text);
}
