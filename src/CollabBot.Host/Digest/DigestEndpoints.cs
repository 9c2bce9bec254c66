using CollabBot.Core;
using CollabBot.Core.Features.Comments;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Focus;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Host.Digest;

// GET /digest/{team}/{week}?exp&sig (the page) and …/chart.png?exp&sig (the chart). The
// signature is checked before anything is read, and every refusal — bad, tampered or
// expired link, unknown team, week without a stored digest — is the same 404, so a caller
// learns nothing about what exists.
internal static class DigestEndpoints
{
    private const string Refusal = "This link is invalid or has expired. Ask CollabBot for the digest again.\n此链接无效或已过期，请重新向 CollabBot 获取摘要。\n";

    public static IEndpointRouteBuilder MapDigestPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/digest/{team:long}/{week}", PageAsync);
        app.MapGet("/digest/{team:long}/{week}/chart.png", ChartAsync);
        // Browsers opening the page ask for an icon; the page is this host's only HTML, so it
        // answers that here with "nothing", cached, rather than a 404 in every console.
        app.MapGet("/favicon.ico", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.NoContent();
        });
        return app;
    }

    // The page shows the week's anonymous comments. That is safe because its link reaches managers
    // only: DigestCards puts the page button on the manager view alone (the `digest` reply to a
    // manager, which is private, and each manager's weekly direct message), while the channel card
    // carries only the chart link, whose signature covers the chart's path and so can never open
    // the page (DigestPaths). The page says it is the manager view and asks not to forward it.
    private static async Task<IResult> PageAsync(long team, string week, HttpContext http, LinkSigner signer, CollabDbContext db, TimeProvider time)
    {
        if (!Verified(http, signer, team, week, DigestPaths.Page, out var w, out var expires)) return Refused(http);
        if (await LoadAsync(db, team, w, http.RequestAborted) is not { } view) return Refused(http);
        var chart = DigestPaths.Chart(team, w.ToString());
        var comments = await DigestComments.LoadAsync(db, view.Team, w, http.RequestAborted);
        var html = DigestPage.Render(view.Texts, view.Snapshot, view.Series, chart + signer.Query(chart, expires), expires, view.Focus,
            await PairsAsync(db, team, view.Snapshot, http.RequestAborted), comments);
        var h = http.Response.Headers;
        h.ContentSecurityPolicy = DigestPageStyle.ContentSecurityPolicy;
        // The page names people and its URL is the credential: keep it out of caches and Referer headers.
        h.CacheControl = "no-store";
        h["Referrer-Policy"] = "no-referrer";
        h.XContentTypeOptions = "nosniff";
        h["X-Robots-Tag"] = "noindex, nofollow";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> ChartAsync(long team, string week, HttpContext http, LinkSigner signer, CollabDbContext db)
    {
        if (!Verified(http, signer, team, week, DigestPaths.Chart, out var w, out _)) return Refused(http);
        if (await LoadAsync(db, team, w, http.RequestAborted) is not { } view) return Refused(http);
        var png = DigestChart.Png(view.Series, view.Texts["digest.chart.axis"]);
        // Team aggregates only; chat clients fetch it through their own proxies, so a short private cache.
        http.Response.Headers.CacheControl = "private, max-age=3600";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(png, "image/png");
    }

    private static bool Verified(HttpContext http, LinkSigner signer, long team, string week, Func<long, string, string> path,
        out IsoWeek w, out DateTimeOffset expires)
    {
        expires = default;
        var q = http.Request.Query;
        // One exp and one sig; a repeated parameter is not a link we made.
        return IsoWeek.TryParse(week, out w) && q["exp"].Count == 1 && q["sig"].Count == 1
            && signer.IsValid(path(team, w.ToString()), q["exp"][0], q["sig"][0], out expires);
    }

    private static IResult Refused(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(Refusal, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }

    private sealed record View(Team Team, Texts Texts, Snapshot Snapshot, DigestSeries Series, IReadOnlyList<FocusReport> Focus);

    // Handoff quality by role pair over the digest's four weeks (W − 3 … W), read from the
    // handoffs as they are now, up to the digest's as-of instant (an erased person's are gone).
    private static Task<IReadOnlyList<HandoffPairRow>> PairsAsync(CollabDbContext db, long teamId, Snapshot s, CancellationToken ct)
    {
        var zone = Zones.Find(s.Team.TimeZone);
        var week = IsoWeek.Parse(s.Week);
        return HandoffPairQuery.LoadAsync(db, teamId, week.Minus(3).Start(zone), week.End(zone), s.AsOf, ct);
    }

    // The team's stored snapshot of the week and those of the seven weeks before, read within
    // the team's own workspace. Only stored (immutable, k-checked) snapshots are ever shown.
    private static async Task<View?> LoadAsync(CollabDbContext db, long teamId, IsoWeek week, CancellationToken ct)
    {
        var team = await db.Unscoped<Team>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId && t.Active, ct);
        if (team is null) return null;
        db.ForWorkspace(team.WorkspaceId);
        var weeks = Enumerable.Range(0, DigestSeries.WeekCount).Select(i => week.Minus(i).ToString()).ToList();
        var rows = await db.DigestSnapshots.AsNoTracking()
            .Where(s => s.TeamId == teamId && s.Model == CeiModel.Id && weeks.Contains(s.Week)).ToListAsync(ct);
        var current = rows.FirstOrDefault(r => r.Week == week.ToString());
        if (current is null) return null;
        var t = Texts.For(team.Locale);
        var snapshots = rows.Select(r => CollabJson.Deserialize<Snapshot>(r.Json)).ToList();
        var snapshot = CollabJson.Deserialize<Snapshot>(current.Json);
        return new View(team, t, snapshot, DigestSeries.For(week, snapshots, t), await FocusReports.HistoryAsync(db, teamId, snapshot, ct));
    }
}
