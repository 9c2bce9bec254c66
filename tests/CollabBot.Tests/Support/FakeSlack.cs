using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Tests.Support;

// A local stand-in for slack.com/api on a real loopback socket. It behaves like Slack where
// the bot can tell: Bearer tokens are required (not_authed / invalid_auth), errors are 200
// with ok:false, 429 carries Retry-After, and every call is recorded for assertions.
internal sealed class FakeSlack : IAsyncDisposable
{
    public const string Token = "xoxb-test-token";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Method, Func<HttpContext, Task>? Respond)> _scripted = new();

    public sealed record Call(string Method, string? Authorization, string ContentType, string Body)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    public ConcurrentQueue<Call> Calls { get; } = new();
    public string BaseUrl { get; }
    public Dictionary<string, (string Name, string Locale)> Users { get; } = new()
    {
        ["U0ANA"] = ("Ana", "en-US"), ["U0BEN"] = ("Ben", "en-US"), ["U0LI"] = ("Li Wei", "zh-CN"), ["U0MAYA"] = ("Maya", "en-US"),
    };
    public List<string> ChannelMembers { get; } = ["U0MAYA", "U0ANA", "U0BEN", "UBOT"];

    private FakeSlack(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static Task<FakeSlack> StartAsync() => Loopback.StartAsync<FakeSlack>((app, fake) =>
    {
        app.MapPost("/api/{method}", (HttpContext http, string method) => fake().HandleAsync(http, method));
        app.MapPost("/upload/{id}", () => Results.Ok());
    }, (app, url) => new FakeSlack(app, url));

    public string ApiBaseUrl => BaseUrl + "/api/";

    // The next call of `method` answers this way instead of the default.
    public void Next(string method, Func<HttpContext, Task> respond) => _scripted.Enqueue((method, respond));
    public void NextError(string method, string error) => Next(method, http => http.Response.WriteAsJsonAsync(new { ok = false, error }));
    public void NextRateLimit(string method, int seconds) => Next(method, http =>
    {
        http.Response.StatusCode = 429;
        http.Response.Headers.RetryAfter = seconds.ToString();
        return Task.CompletedTask;
    });

    public IEnumerable<Call> Of(string method) => Calls.Where(c => c.Method == method);

    private async Task HandleAsync(HttpContext http, string method)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var auth = http.Request.Headers.Authorization.ToString();
        Calls.Enqueue(new Call(method, auth, http.Request.ContentType ?? "", body));
        if (_scripted.TryPeek(out var next) && next.Method == method && _scripted.TryDequeue(out next))
        {
            await next.Respond!(http);
            return;
        }
        if (method is "response_url") { await http.Response.WriteAsJsonAsync(new { ok = true }); return; }
        if (method != "oauth.v2.access" && !auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await http.Response.WriteAsJsonAsync(new { ok = false, error = "not_authed" });
            return;
        }
        if (method != "oauth.v2.access" && auth != "Bearer " + Token)
        {
            await http.Response.WriteAsJsonAsync(new { ok = false, error = "invalid_auth" });
            return;
        }
        await http.Response.WriteAsJsonAsync(Default(method, body));
    }

    private object Default(string method, string body) => method switch
    {
        "users.info" => UserInfo(JsonNode.Parse(body)?["user"]?.GetValue<string>() ?? ""),
        "conversations.members" => new { ok = true, members = ChannelMembers, response_metadata = new { next_cursor = "" } },
        "conversations.open" => new { ok = true, channel = new { id = "D0DM" } },
        // A post to a user id lands in the app's DM with them, which has its own channel id.
        "chat.postMessage" => new { ok = true, channel = JsonNode.Parse(body)?["channel"]?.GetValue<string>() is ['U', .. var rest] ? "D" + rest : JsonNode.Parse(body)?["channel"]?.GetValue<string>() ?? "C0SALES", ts = $"{Calls.Count}.0001" },
        "files.getUploadURLExternal" => new { ok = true, upload_url = BaseUrl + "/upload/F0FILE", file_id = "F0FILE" },
        "oauth.v2.access" => new
        {
            ok = true, access_token = Token, token_type = "bot", scope = "commands,chat:write", bot_user_id = "UBOT", app_id = "A0APP",
            team = new { id = "T0ACME", name = "Acme" }, enterprise = (object?)null, authed_user = new { id = "U0MAYA" }, is_enterprise_install = false,
        },
        _ => new { ok = true },
    };

    private object UserInfo(string id) => id == "UBOT"
        ? new { ok = true, user = new { id, name = "collabbot", real_name = "CollabBot", is_bot = true, profile = new { display_name = "CollabBot" } } }
        : Users.TryGetValue(id, out var u)
        ? new { ok = true, user = new { id, name = u.Name.ToLowerInvariant(), real_name = u.Name, locale = u.Locale, tz = "Europe/Berlin", profile = new { display_name = u.Name } } }
        : new { ok = false, error = "user_not_found" };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
