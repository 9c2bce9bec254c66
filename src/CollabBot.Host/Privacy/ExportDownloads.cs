using CollabBot.Core;
using CollabBot.Core.Features.Privacy;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Host.Digest;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Host.Privacy;

// Bot:ExportLinkMinutes: how long an `export me` download link works (Teams gets a link, not a file).
internal sealed class ExportLinkOptions
{
    public int ExportLinkMinutes { get; set; } = 15;

    public static ExportLinkOptions From(IConfiguration config)
    {
        var o = config.GetSection("Bot").Get<ExportLinkOptions>() ?? new ExportLinkOptions();
        return o.ExportLinkMinutes is >= 1 and <= 1440 ? o : throw new InvalidOperationException("Bot:ExportLinkMinutes must be between 1 and 1440.");
    }

    public static string Path(long memberId) => $"/export/{memberId}";
}

// The link's path names one member row and is covered by the signature, so a link opens that
// person's export until it expires and nothing else; an id alone opens nothing.
internal sealed class SignedExportLinks(LinkSigner signer, DigestLinkOptions site, ExportLinkOptions options, TimeProvider time) : IExportLinks
{
    public ExportLink For(long memberId)
    {
        var path = ExportLinkOptions.Path(memberId);
        return new ExportLink(site.BaseUrl + path + signer.Query(path, time.GetUtcNow().AddMinutes(options.ExportLinkMinutes)), options.ExportLinkMinutes);
    }
}

// GET /export/{member}?exp&sig: the person's `export me` file, made now from what is stored
// now (nothing is kept between the command and the download). Every refusal — bad, tampered or
// expired link, a member since erased — is the same 404.
internal static class ExportDownloads
{
    private const string Refusal = "This link is invalid or has expired. Send `export me` again.\n此链接无效或已过期，请重新发送 `export me`。\n";

    public static IServiceCollection AddExportLinks(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(ExportLinkOptions.From(config));
        services.AddSingleton<IExportLinks, SignedExportLinks>();
        return services;
    }

    public static IEndpointRouteBuilder MapExportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/{member:long}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> DownloadAsync(long member, HttpContext http, LinkSigner signer, CollabDbContext db, TimeProvider time)
    {
        var h = http.Response.Headers;
        // The URL is the credential and the body is personal: never cached, never sent on as a Referer.
        h.CacheControl = "no-store";
        h["Referrer-Policy"] = "no-referrer";
        h.XContentTypeOptions = "nosniff";
        h["X-Robots-Tag"] = "noindex, nofollow";
        var q = http.Request.Query;
        if (q["exp"].Count != 1 || q["sig"].Count != 1 || !signer.IsValid(ExportLinkOptions.Path(member), q["exp"][0], q["sig"][0], out _))
            return Refused();
        var me = await db.Unscoped<Member>().AsNoTracking().Include(m => m.Team).FirstOrDefaultAsync(m => m.Id == member, http.RequestAborted);
        // An erased person's row names nobody any more: there is nothing of theirs to give.
        if (me is null || me.PlatformUserId.StartsWith("erased:", StringComparison.Ordinal)) return Refused();
        db.ForWorkspace(me.WorkspaceId);
        var now = time.GetUtcNow();
        var zone = me.Team?.TimeZone ?? "UTC";
        var data = await PersonalData.CollectAsync(db, http.RequestServices, me.PlatformUserId, Texts.For(me.Locale, me.Team?.Locale), now, http.RequestAborted);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zones.Find(zone)).DateTime);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(CollabJson.Serialize(data, indented: true)), "application/json; charset=utf-8",
            PersonalData.FileName(day));
    }

    private static IResult Refused() => Results.Text(Refusal, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
