using System.Collections.Concurrent;
using System.Globalization;
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
// with ok:false, 429 carries Retry-After, and every call is recorded for assertions. Posts
// are kept per conversation with their metadata and read back by conversations.history the
// way Slack does (newest first, oldest/inclusive, cursor pages, metadata only with
// include_all_metadata); a post to a user id lands in the DM channel "D" + the rest of the id.
internal sealed class FakeSlack : IAsyncDisposable
{
    public const string Token = "xoxb-test-token";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Method, Func<HttpContext, Task>? Respond)> _scripted = new();

    public sealed record Call(string Method, string? Authorization, string ContentType, string Body)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    public sealed record Posted(string Channel, string Ts, JsonObject? Metadata);

    public ConcurrentQueue<Call> Calls { get; } = new();
    public ConcurrentQueue<Posted> Messages { get; } = new();
    private long _lastTsMicros;
    public string BaseUrl { get; }
    public Dictionary<string, (string Name, string Locale)> Users { get; } = new()
    {
        ["U0ANA"] = ("Ana", "en-US"),
        ["U0BEN"] = ("Ben", "en-US"),
        ["U0LI"] = ("Li Wei", "zh-CN"),
        ["U0MAYA"] = ("Maya", "en-US"),
    };
    public List<string> ChannelMembers { get; } = ["U0MAYA", "U0ANA", "U0BEN", "UBOT"];
    // Profile email and job title, for tests that want them (as users.info gives them with the
    // users:read.email scope); users.lookupByEmail searches the emails here.
    public Dictionary<string, (string? Email, string Title)> Profiles { get; } = new();

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
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    });

    // Slack posts the next message but its answer never arrives (the sender dies, or the
    // connection drops, before reading it): the request stays open until the caller gives up.
    public void NextPostThenSilence() => Next("chat.postMessage", async http =>
    {
        Post((string)http.Items["body"]!);
        try { await Task.Delay(Timeout.Infinite, http.RequestAborted); } catch (OperationCanceledException) { }
    });

    public IEnumerable<Call> Of(string method) => Calls.Where(c => c.Method == method);

    // Held before every users.info answer while set: a Slack that is slow to say who people are.
    public Func<Task>? BeforeUsersInfo { get; set; }

    // Forgets the calls and posts seen so far (not the users, script or channel members).
    public void Forget()
    {
        Calls.Clear();
        Messages.Clear();
    }

    private async Task HandleAsync(HttpContext http, string method)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var auth = http.Request.Headers.Authorization.ToString();
        Calls.Enqueue(new Call(method, auth, http.Request.ContentType ?? "", body));
        if (method == "users.info" && BeforeUsersInfo is { } hold) await hold();
        if (_scripted.TryPeek(out var next) && next.Method == method && _scripted.TryDequeue(out next))
        {
            http.Items["body"] = body;
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
        "users.lookupByEmail" => LookupByEmail(Field(body, "email") ?? ""),
        "conversations.members" => new { ok = true, members = ChannelMembers, response_metadata = new { next_cursor = "" } },
        "conversations.open" => new { ok = true, channel = new { id = DmOf(Field(body, "users") ?? "U0DM") } },
        "chat.postMessage" => Post(body),
        "conversations.history" => History(body),
        "files.getUploadURLExternal" => new { ok = true, upload_url = BaseUrl + "/upload/F0FILE", file_id = "F0FILE" },
        "oauth.v2.access" => new
        {
            ok = true,
            access_token = Token,
            token_type = "bot",
            scope = "commands,chat:write",
            bot_user_id = "UBOT",
            app_id = "A0APP",
            team = new { id = "T0ACME", name = "Acme" },
            enterprise = (object?)null,
            authed_user = new { id = "U0MAYA" },
            is_enterprise_install = false,
        },
        _ => new { ok = true },
    };

    // A post to a user id lands in the app's DM with them, which has its own channel id.
    private static string DmOf(string channel) => channel is ['U', .. var rest] ? "D" + rest : channel;

    // JSON bodies and form bodies alike, as Slack takes both.
    private static string? Field(string body, string name)
    {
        if (body.TrimStart().StartsWith('{')) return JsonNode.Parse(body)?[name] is JsonValue v ? v.ToString() : null;
        var pair = body.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => Uri.UnescapeDataString(p[0]) == name);
        return pair is [_, var value] ? Uri.UnescapeDataString(value.Replace('+', ' ')) : null;
    }

    private object Post(string body)
    {
        var channel = DmOf(Field(body, "channel") ?? "C0SALES");
        var micros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        long last, next;
        do { last = Interlocked.Read(ref _lastTsMicros); next = Math.Max(micros, last + 1); }
        while (Interlocked.CompareExchange(ref _lastTsMicros, next, last) != last);
        var ts = $"{next / 1_000_000}.{next % 1_000_000:D6}";
        Messages.Enqueue(new Posted(channel, ts, JsonNode.Parse(body)?["metadata"]?.DeepClone() as JsonObject));
        return new { ok = true, channel, ts };
    }

    private object History(string body)
    {
        var channel = Field(body, "channel");
        if (channel is null) return new { ok = false, error = "channel_not_found" };
        var oldest = decimal.Parse(Field(body, "oldest") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var inclusive = Field(body, "inclusive") is "true" or "1";
        var limit = Math.Clamp(int.Parse(Field(body, "limit") ?? "100", CultureInfo.InvariantCulture), 1, 999);
        var offset = int.Parse(Field(body, "cursor") ?? "0", CultureInfo.InvariantCulture);
        var withMetadata = Field(body, "include_all_metadata") is "true" or "1";
        var all = Messages.Where(m => m.Channel == channel).Select(m => (m, ts: decimal.Parse(m.Ts, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(x => inclusive ? x.ts >= oldest : x.ts > oldest).OrderByDescending(x => x.ts).Select(x => x.m).ToList();
        var page = all.Skip(offset).Take(limit).Select(m => withMetadata && m.Metadata is not null
            ? (object)new { type = "message", subtype = "bot_message", bot_id = "B0BOT", ts = m.Ts, metadata = m.Metadata }
            : new { type = "message", subtype = "bot_message", bot_id = "B0BOT", ts = m.Ts }).ToList();
        var more = offset + limit < all.Count;
        return new { ok = true, messages = page, has_more = more, response_metadata = new { next_cursor = more ? (offset + limit).ToString(CultureInfo.InvariantCulture) : "" } };
    }

    private object UserInfo(string id) => id == "UBOT"
        ? new { ok = true, user = new { id, name = "collabbot", real_name = "CollabBot", is_bot = true, profile = new { display_name = "CollabBot" } } }
        : Users.TryGetValue(id, out var u)
        ? new { ok = true, user = new { id, name = u.Name.ToLowerInvariant(), real_name = u.Name, locale = u.Locale, tz = "Europe/Berlin", profile = Profile(id, u.Name) } }
        : new { ok = false, error = "user_not_found" };

    private Dictionary<string, object?> Profile(string id, string name)
    {
        var profile = new Dictionary<string, object?> { ["display_name"] = name };
        if (Profiles.TryGetValue(id, out var p)) (profile["email"], profile["title"]) = (p.Email, p.Title);
        return profile;
    }

    // Slack compares emails without regard to case.
    private object LookupByEmail(string email) =>
        Profiles.FirstOrDefault(p => string.Equals(p.Value.Email, email, StringComparison.OrdinalIgnoreCase)) is { Key: { } id }
            ? new { ok = true, user = new { id, name = Users[id].Name.ToLowerInvariant(), is_bot = false, profile = Profile(id, Users[id].Name) } }
            : new { ok = false, error = "users_not_found" };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
