using System.Net;
using System.Security.Cryptography;
using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Slack.Web;
using CollabBot.Slack.Wire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack.Install;

// OAuth v2 "Add to Slack". The state is random, kept in an encrypted cookie bound to this
// browser for ten minutes, and good once; the code is exchanged with oauth.v2.access and the
// bot token stored encrypted. An Enterprise Grid org-wide install is keyed by enterprise id.
internal static class SlackOAuth
{
    private const string Cookie = "collabbot_slack_state";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    public static IResult Install(HttpContext http, IOptions<SlackOptions> settings, TimeProvider time, IDataProtectionProvider protection)
    {
        var options = settings.Value;
        if (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret)) return Results.NotFound();
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var expires = time.GetUtcNow().Add(StateLifetime);
        http.Response.Cookies.Append(Cookie, Protector(protection).Protect($"{state}|{expires.ToUnixTimeSeconds()}"), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/slack/oauth",
            MaxAge = StateLifetime,
        });
        var url = $"{options.OAuthAuthorizeUrl}?client_id={Uri.EscapeDataString(options.ClientId)}&scope={Uri.EscapeDataString(options.Scopes)}" +
                  $"&state={state}&redirect_uri={Uri.EscapeDataString(RedirectUri(http, options))}";
        return Page("Add CollabBot to Slack",
            $"<p>CollabBot runs a weekly pulse, goal check-ins, kudos and handoff feedback for your sales team.</p>" +
            $"<p><a class=\"button\" href=\"{WebUtility.HtmlEncode(url)}\">Add to Slack</a></p>");
    }

    public static async Task<IResult> CallbackAsync(HttpContext http, IOptions<SlackOptions> settings, SlackApi api, SlackDispatch dispatch,
        SlackTokens tokens, SlackReplies replies, CollabDbContext db, SeenRequests seen, TimeProvider time, IDataProtectionProvider protection, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CollabBot.Slack.OAuth");
        var options = settings.Value;
        if (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret)) return Results.NotFound();
        if (http.Request.Query["error"].Count > 0) return Page("Installation cancelled", "<p>Nothing was installed.</p>", 400);

        var state = http.Request.Query["state"].ToString();
        var code = http.Request.Query["code"].ToString();
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/slack/oauth" });
        if (code.Length == 0 || !await StateIsGoodAsync(http, state, Protector(protection), seen, db, time))
        {
            log.OAuthStateRefused();
            return Page("This install link has expired", "<p>Please start again from the install page.</p>", 400);
        }

        System.Text.Json.Nodes.JsonObject grant;
        try
        {
            grant = await api.FormAsync("oauth.v2.access", new Dictionary<string, string> { ["code"] = code, ["redirect_uri"] = RedirectUri(http, options) },
                options.ClientId, options.ClientSecret, http.RequestAborted);
        }
        catch (SlackApiException e)
        {
            log.OAuthAccessFailed(e.Error);
            return Page("Slack did not accept the install", "<p>Please start again from the install page.</p>", 400);
        }

        var orgWide = grant["is_enterprise_install"]?.GetValue<bool>() == true;
        var enterpriseId = grant["enterprise"]?["id"]?.GetValue<string>();
        var workspace = orgWide ? enterpriseId : grant["team"]?["id"]?.GetValue<string>();
        var installer = grant["authed_user"]?["id"]?.GetValue<string>();
        var token = grant["access_token"]?.GetValue<string>();
        if (workspace is null || installer is null || token is null) return Page("Slack did not accept the install", "<p>Please start again.</p>", 400);

        var reply = await dispatch.DispatchAsync(new Interaction(Platform.Slack, workspace, installer,
            "D-" + installer, InteractionKind.Install, "", ConversationType: ConversationType.Personal,
            WorkspaceName: grant["team"]?["name"]?.GetValue<string>() ?? grant["enterprise"]?["name"]?.GetValue<string>()), http.RequestAborted);
        var installation = await db.Unscoped<Installation>().Where(i => i.Platform == Platform.Slack && i.InstalledBy == installer
            && db.Unscoped<Workspace>().Any(w => w.Id == i.WorkspaceId && w.ExternalId == workspace)).OrderByDescending(i => i.Id).FirstAsync(http.RequestAborted);
        installation.EncryptedBotToken = tokens.Protect(token);
        installation.BotUserId = grant["bot_user_id"]?.GetValue<string>();
        installation.Scopes = grant["scope"]?.GetValue<string>();
        installation.EnterpriseId = enterpriseId;
        await db.SaveChangesAsync(http.RequestAborted);

        await replies.ViaApiAsync(reply, new SlackConversation(workspace, token, null, installer));
        return Page("CollabBot is installed", "<p>Invite <b>@CollabBot</b> to your sales team's channel to start. Type <code>/collab help</code> to see what it can do.</p>");
    }

    private static async Task<bool> StateIsGoodAsync(HttpContext http, string state, IDataProtector protector, SeenRequests seen, CollabDbContext db, TimeProvider time)
    {
        if (state.Length == 0 || !http.Request.Cookies.TryGetValue(Cookie, out var sealedState)) return false;
        string plain;
        try { plain = protector.Unprotect(sealedState); }
        catch (CryptographicException) { return false; }
        var parts = plain.Split('|');
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (parts.Length != 2 || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(parts[0]), System.Text.Encoding.ASCII.GetBytes(state))
            || !long.TryParse(parts[1], out var expires) || expires < now)
            return false;
        // Good once, on every host: a replayed cookie with its state is refused even before it expires.
        return (await seen.ClaimAsync(db, "slack-oauth-state|" + state, StateLifetime, http.RequestAborted)).First;
    }

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("CollabBot.Slack.OAuthState.v1");

    private static string RedirectUri(HttpContext http, SlackOptions options) =>
        options.RedirectUri ?? $"{http.Request.Scheme}://{http.Request.Host}/slack/oauth/callback";

    private static IResult Page(string title, string body, int status = 200) => Results.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)}</title><style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}}" +
        $".button{{display:inline-block;background:#4A154B;color:#fff;padding:.7rem 1.2rem;border-radius:.4rem;text-decoration:none}}</style></head>" +
        $"<body><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>", "text/html; charset=utf-8", statusCode: status);
}
