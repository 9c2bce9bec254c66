using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;

namespace CollabBot.Host.Digest;

// The digest page's "handoff quality by role pair" section: one row per pair of the four weeks
// up to the digest's week (HandoffPairStats), figures only for pairs rated at least k times.
internal static class DigestPagePairs
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static void Write(StringBuilder b, Texts t, Snapshot s, IReadOnlyList<HandoffPairRow> pairs)
    {
        var k = s.Team.AnonymityThreshold;
        var week = IsoWeek.Parse(s.Week);
        b.Append("<section aria-labelledby=\"pairs\">\n<h2 id=\"pairs\">").Append(E(t["page.pairs"])).Append("</h2>\n<p class=\"muted\">")
         .Append(E(t.F("page.pairs.window", week.Minus(3), week, k))).Append("</p>\n");
        if (pairs.Count == 0)
        {
            b.Append("<p>").Append(E(t["page.pairs.none"])).Append("</p>\n</section>\n");
            return;
        }
        b.Append("<table>\n<thead><tr>");
        foreach (var h in new[] { "pair", "made", "rated", "quality", "complete", "missing", "speed" })
            b.Append("<th scope=\"col\">").Append(E(t["page.pairs." + h])).Append("</th>");
        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var p in pairs)
        {
            b.Append("<tr><td>").Append(E(SalesRoles.Show(p.Pair))).Append("</td><td>").Append(p.Made).Append("</td><td>").Append(p.Rated).Append("</td>");
            if (!p.Reportable(k))
            {
                b.Append("<td colspan=\"4\">").Append(E(t.F("page.pairs.few", k))).Append("</td></tr>\n");
                continue;
            }
            b.Append("<td>").Append(E(Num(p.Quality, "0.0"))).Append("</td><td>").Append(E(p.Completeness is { } c ? Num(c, "0") + " %" : "–"))
             .Append("</td><td>").Append(E(p.MostMissing is { } m ? $"{HandoffChecklist.Localize(m, t)} ({p.MostMissingCount}×)" : "–"))
             .Append("</td><td>").Append(E(p.HoursToRating is { } h ? t.F("page.pairs.hours", Num(h, "0.#")) : "–")).Append("</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n</section>\n");
    }

    private static string Num(double? x, string format) =>
        x is { } v ? Math.Round(v, format == "0" ? 0 : 1, MidpointRounding.AwayFromZero).ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string E(string text) => Html.Encode(text);
}
