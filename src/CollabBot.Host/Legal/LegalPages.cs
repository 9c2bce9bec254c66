using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Features.Retention;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using CollabBot.Host.Digest;
using CollabBot.Host.Privacy;
using Microsoft.Net.Http.Headers;

namespace CollabBot.Host.Legal;

// GET /privacy and /terms, the pages the Teams manifest links to (privacyUrl, termsOfUseUrl).
// Public, in the reader's language: ?lang=en|zh-Hans first, else Accept-Language, else English.
internal static class LegalPages
{
    public const string PrivacyPath = "/privacy";
    public const string TermsPath = "/terms";

    public static IServiceCollection AddLegalPages(this IServiceCollection services, IConfiguration config) =>
        services.AddSingleton(LegalOptions.From(config));

    public static IEndpointRouteBuilder MapLegalPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(PrivacyPath, (HttpContext http, LegalOptions legal, RetentionOptions retention, DigestLinkOptions links, ExportLinkOptions export) =>
            Page(http, t => LegalPage.Privacy(t, Facts(legal, retention, links, export, t))));
        app.MapGet(TermsPath, (HttpContext http, LegalOptions legal, RetentionOptions retention, DigestLinkOptions links, ExportLinkOptions export) =>
            Page(http, t => LegalPage.Terms(t, Facts(legal, retention, links, export, t))));
        return app;
    }

    // The figures the pages state, read from the settings this host runs with.
    private static LegalFacts Facts(LegalOptions legal, RetentionOptions retention, DigestLinkOptions links, ExportLinkOptions export, Texts t) => new(
        string.IsNullOrWhiteSpace(legal.Operator) ? t["legal.operator.default"] : legal.Operator.Trim(),
        string.IsNullOrWhiteSpace(legal.Contact) ? t["legal.contact.default"] : legal.Contact.Trim(),
        retention.PulseAnswerDays, retention.OutboxDays, (int)CrmEvent.KeepFor.TotalDays, links.LinkDays, export.ExportLinkMinutes,
        new Team { Name = "", ChannelId = "" }.AnonymityThreshold, Team.MinAnonymity);

    private static IResult Page(HttpContext http, Func<Texts, string> render)
    {
        var t = Texts.For(Language(http.Request));
        var h = http.Response.Headers;
        h.ContentSecurityPolicy = LegalPage.ContentSecurityPolicy;
        h.ContentLanguage = t.Locale;
        h.Vary = HeaderNames.AcceptLanguage;
        h.CacheControl = "public, max-age=3600";
        h.XContentTypeOptions = "nosniff";
        return Results.Content(render(t), "text/html; charset=utf-8");
    }

    // ?lang wins; otherwise the first language of Accept-Language, by quality, that has texts.
    internal static string Language(HttpRequest request)
    {
        if (Texts.Normalize(request.Query["lang"].FirstOrDefault()) is { } asked) return asked;
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        return accepted.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Texts.Normalize(l.Value.Value)).FirstOrDefault(l => l is not null) ?? Texts.English;
    }
}

internal sealed record LegalFacts(string Operator, string Contact, int PulseAnswerDays, int OutboxDays, int CrmDays, int DigestLinkDays,
    int ExportLinkMinutes, int DefaultK, int MinK);
