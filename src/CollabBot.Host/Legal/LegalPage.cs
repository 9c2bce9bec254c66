using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CollabBot.Core.Localization;
using CollabBot.Host.Digest;

namespace CollabBot.Host.Legal;

// The privacy and terms pages as server-rendered HTML: pure functions of the texts and the
// figures this host runs with, in the digest page's style (no scripts, no external resources).
internal static class LegalPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static readonly string ContentSecurityPolicy = DigestPageStyle.ContentSecurityPolicy;

    public static string Privacy(Texts t, LegalFacts f)
    {
        var b = Start(t, t["legal.privacy.title"], LegalPages.PrivacyPath);
        b.Append("<p>").Append(Md(t.F("legal.privacy.intro", f.Operator))).Append("</p>\n</header>\n");
        Section(b, "stored", t["legal.stored.title"],
            t["legal.stored.member"], t["legal.stored.entered"], t["legal.stored.pulse"], t["legal.stored.digests"], t["legal.stored.system"]);
        Section(b, "kept", t["legal.kept.title"],
            t.F("legal.kept.pulse", f.PulseAnswerDays), t.F("legal.kept.outbox", f.OutboxDays), t.F("legal.kept.crm", f.CrmDays),
            t["legal.kept.rest"], t.F("legal.kept.links", f.DigestLinkDays, f.ExportLinkMinutes));
        b.Append("<section aria-labelledby=\"who\">\n<h2 id=\"who\">").Append(E(t["legal.who.title"])).Append("</h2>\n<p>")
         .Append(Md(t.F("legal.who.k", f.DefaultK, f.MinK))).Append("</p>\n");
        foreach (var who in new[] { "rep", "manager", "admin", "operator" })
            b.Append("<article>\n<h3>").Append(E(t["legal.who." + who])).Append("</h3>\n<p><strong>").Append(E(t["legal.who.col.can"]))
             .Append(":</strong> ").Append(Md(t["legal.who." + who + ".can"])).Append("</p>\n<p><strong>").Append(E(t["legal.who.col.cannot"]))
             .Append(":</strong> ").Append(Md(t["legal.who." + who + ".cannot"])).Append("</p>\n</article>\n");
        b.Append("</section>\n");
        Section(b, "yours", t["legal.yours.title"], t["legal.yours.export"], t["legal.yours.forget"]);
        Contact(b, t, f);
        return End(b, t);
    }

    public static string Terms(Texts t, LegalFacts f)
    {
        var b = Start(t, t["legal.terms.title"], LegalPages.TermsPath);
        b.Append("<p>").Append(Md(t.F("legal.terms.intro", f.Operator))).Append("</p>\n</header>\n");
        Section(b, "use", t["legal.terms.use.title"], t["legal.terms.use"], t["legal.terms.anon"]);
        Section(b, "data", t["legal.terms.data.title"], t["legal.terms.data"]);
        Section(b, "service", t["legal.terms.service.title"], t["legal.terms.service"]);
        Contact(b, t, f);
        return End(b, t);
    }

    private static StringBuilder Start(Texts t, string title, string path)
    {
        var other = t.IsChinese ? Texts.English : Texts.Chinese;
        var b = new StringBuilder(8 * 1024);
        b.Append("<!doctype html>\n<html lang=\"").Append(E(t.Locale)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(DigestPageStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n")
         .Append("<header>\n<p class=\"note\"><a href=\"").Append(E(path + "?lang=" + other)).Append("\" hreflang=\"").Append(E(other))
         .Append("\" lang=\"").Append(E(other)).Append("\">").Append(E(t["legal.other"])).Append("</a></p>\n<h1>").Append(E(title)).Append("</h1>\n");
        return b;
    }

    private static string End(StringBuilder b, Texts t)
    {
        var lang = "?lang=" + t.Locale;
        b.Append("<footer><a href=\"").Append(E(LegalPages.PrivacyPath + lang)).Append("\">").Append(E(t["legal.link.privacy"])).Append("</a> · <a href=\"")
         .Append(E(LegalPages.TermsPath + lang)).Append("\">").Append(E(t["legal.link.terms"])).Append("</a></footer>\n</main>\n</body>\n</html>\n");
        return b.ToString();
    }

    private static void Section(StringBuilder b, string id, string title, params string[] paragraphs)
    {
        b.Append("<section aria-labelledby=\"").Append(id).Append("\">\n<h2 id=\"").Append(id).Append("\">").Append(E(title)).Append("</h2>\n");
        foreach (var p in paragraphs) b.Append("<p>").Append(Md(p)).Append("</p>\n");
        b.Append("</section>\n");
    }

    // The operator's contact: an https link or an email address becomes a link; anything else is text.
    private static void Contact(StringBuilder b, Texts t, LegalFacts f)
    {
        var c = f.Contact;
        var href = Uri.TryCreate(c, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" ? u.AbsoluteUri
            : !c.Contains(' ') && c.IndexOf('@') > 0 ? "mailto:" + c : null;
        var shown = href is null ? E(c) : $"<a href=\"{E(href)}\">{E(c)}</a>";
        var parts = t["legal.contact.text"].Split("{0}");
        b.Append("<section aria-labelledby=\"contact\">\n<h2 id=\"contact\">").Append(E(t["legal.contact.title"])).Append("</h2>\n<p>")
         .Append(E(parts[0])).Append(shown).Append(E(parts.Length > 1 ? parts[1] : "")).Append("</p>\n</section>\n");
    }

    // `command` in a text is shown as code; everything is encoded.
    private static string Md(string text)
    {
        var parts = text.Split('`');
        var b = new StringBuilder();
        for (var i = 0; i < parts.Length; i++) b.Append(i % 2 == 1 ? "<code>" + E(parts[i]) + "</code>" : E(parts[i]));
        return b.ToString();
    }

    private static string E(string text) => Html.Encode(text);
}
