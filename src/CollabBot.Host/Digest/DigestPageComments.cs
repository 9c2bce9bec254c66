using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CollabBot.Core.Features.Comments;
using CollabBot.Core.Localization;

namespace CollabBot.Host.Digest;

// The digest page's anonymous comments: the manager card's section in full (no Slack limits
// here), by the same rules as `comments` — numbered as `reply <n>` counts them, in the order
// the close stored them, without times; sealed while the round is open or below k, and then
// only why. Every comment goes through the HTML encoder.
internal static class DigestPageComments
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static void Write(StringBuilder b, Texts t, DigestComments c)
    {
        b.Append("<section aria-labelledby=\"comments\">\n<h2 id=\"comments\">").Append(E(t.F("comments.title", c.Week))).Append("</h2>\n");
        if (c.SealedReason(t) is { } reason) b.Append("<p>").Append(E(reason)).Append("</p>\n");
        else if (c.Comments.Count == 0) b.Append("<p>").Append(E(t.F("comments.empty", c.Week))).Append("</p>\n");
        else
        {
            b.Append("<ol>\n");
            foreach (var comment in c.Comments) b.Append("<li>").Append(E(comment)).Append("</li>\n");
            b.Append("</ol>\n<p class=\"muted\">").Append(E(t["comments.hint"])).Append("</p>\n");
        }
        b.Append("</section>\n");
    }

    private static string E(string text) => Html.Encode(text);
}
