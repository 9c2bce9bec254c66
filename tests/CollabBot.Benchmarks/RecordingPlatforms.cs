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

namespace CollabBot.Benchmarks;

// Slack's Web API and the Teams Connector (with its token endpoint and the Bot Framework
// identity) on one loopback Kestrel, recording every message delivered to them. A Slack post
// is recorded when it arrives, under the idempotency key its metadata carries, and answered
// only after SlackDelay: a host killed in that gap has delivered the message without
// knowing it, which is the window the crash test aims at. Teams activities carry no key of
// ours, so they are recorded by conversation (each target gets one message in these runs).
internal sealed class RecordingPlatforms : IAsyncDisposable
{
    public const string SlackToken = "xoxb-crash-test";
    private readonly WebApplication _app;
    private long _lastTsMicros, _ids;
    private int _pendingSlack;

    public sealed record Delivered(string Platform, string Key, string Conversation, string Id, string? EventType = null);

    public ConcurrentQueue<Delivered> Deliveries { get; } = new();
    public TimeSpan SlackDelay { get; set; } = TimeSpan.FromMilliseconds(400);
    public string BaseUrl { get; private set; } = "";
    public string ServiceUrl => BaseUrl + "/teams/";
    public int PendingSlackAnswers => Volatile.Read(ref _pendingSlack);
    public BotFrameworkIdentity Identity { get; } = new();

    private RecordingPlatforms(WebApplication app) => _app = app;

    public static async Task<RecordingPlatforms> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fakes = new RecordingPlatforms(app);
        app.MapPost("/api/{method}", fakes.SlackAsync);
        app.MapPost("/oauth2/v2.0/token", () => Results.Json(new { access_token = "teams-bot-token", expires_in = 3600, token_type = "Bearer" }));
        app.MapGet("/.well-known/openidconfiguration", () => Results.Json(BotFrameworkIdentity.Metadata(fakes.BaseUrl + "/keys")));
        app.MapGet("/keys", () => Results.Json(fakes.Identity.Keys()));
        app.MapPost("/teams/v3/conversations", (JsonObject body) =>
            Results.Json(new { id = "a:1on1-" + (body["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown") }, statusCode: 201));
        app.MapPost("/teams/v3/conversations/{id}/activities", (string id) =>
        {
            var activityId = Interlocked.Increment(ref fakes._ids).ToString(CultureInfo.InvariantCulture);
            fakes.Deliveries.Enqueue(new Delivered("teams", id, id, activityId));
            return Results.Json(new { id = activityId }, statusCode: 201);
        });
        app.MapPut("/teams/v3/conversations/{id}/activities/{activity}", () => Results.Json(new { id = "updated" }));
        app.MapGet("/teams/v3/conversations/{id}/pagedmembers", () => Results.Json(new { members = Array.Empty<object>() }));
        await app.StartAsync();
        fakes.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fakes;
    }

    // The host's settings that point it here.
    public Dictionary<string, string> HostSettings => new()
    {
        ["Slack__ApiBaseUrl"] = BaseUrl + "/api/",
        ["Slack__BotToken"] = SlackToken,
        ["Teams__AppId"] = BotFrameworkIdentity.AppId,
        ["Teams__AppPassword"] = "crash-test-password",
        ["Teams__TokenEndpoint"] = BaseUrl + "/oauth2/v2.0/token",
        ["Teams__OpenIdMetadataUrl"] = BaseUrl + "/.well-known/openidconfiguration",
    };

    public IEnumerable<Delivered> Of(string platform) => Deliveries.Where(d => d.Platform == platform);

    private async Task SlackAsync(HttpContext http, string method)
    {
        if (http.Request.Headers.Authorization.ToString() != "Bearer " + SlackToken)
        {
            await http.Response.WriteAsJsonAsync(new { ok = false, error = "invalid_auth" });
            return;
        }
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
        var json = form is null ? JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync()) as JsonObject : null;
        string? Field(string name) => form is not null ? form[name].FirstOrDefault() : json?[name] is JsonValue v ? v.ToString() : null;
        object answer = method switch
        {
            "chat.postMessage" => await PostAsync(Field("channel") ?? "", json?["metadata"] as JsonObject, http.RequestAborted),
            "conversations.open" => new { ok = true, channel = new { id = Dm(Field("users") ?? "") } },
            "conversations.history" => History(Field("channel") ?? "", Field("oldest"), Field("include_all_metadata") == "true", Field("cursor"), Field("limit")),
            "users.info" => new { ok = true, user = new { id = Field("user"), name = Field("user"), real_name = Field("user"), profile = new { display_name = Field("user") } } },
            "conversations.members" => new { ok = true, members = Array.Empty<string>(), response_metadata = new { next_cursor = "" } },
            _ => new { ok = true },
        };
        if (!http.RequestAborted.IsCancellationRequested) await http.Response.WriteAsJsonAsync(answer);
    }

    private static string Dm(string channel) => channel is ['U', .. var rest] ? "D" + rest : channel;

    private async Task<object> PostAsync(string target, JsonObject? metadata, CancellationToken aborted)
    {
        var channel = Dm(target);
        var micros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        long last, next;
        do { last = Interlocked.Read(ref _lastTsMicros); next = Math.Max(micros, last + 1); }
        while (Interlocked.CompareExchange(ref _lastTsMicros, next, last) != last);
        var ts = $"{next / 1_000_000}.{next % 1_000_000:D6}";
        Deliveries.Enqueue(new Delivered("slack", metadata?["event_payload"]?["key"]?.GetValue<string>() ?? "(no key)", channel, ts,
            metadata?["event_type"]?.GetValue<string>()));
        Interlocked.Increment(ref _pendingSlack);
        try { await Task.Delay(SlackDelay, aborted); }
        catch (OperationCanceledException) { }
        finally { Interlocked.Decrement(ref _pendingSlack); }
        return new { ok = true, channel, ts };
    }

    // Newest first, after `oldest`, pages by cursor; metadata only with include_all_metadata.
    private object History(string channel, string? oldest, bool withMetadata, string? cursor, string? limit)
    {
        var from = decimal.Parse(oldest ?? "0", CultureInfo.InvariantCulture);
        var size = Math.Clamp(int.Parse(limit ?? "100", CultureInfo.InvariantCulture), 1, 999);
        var offset = int.Parse(string.IsNullOrEmpty(cursor) ? "0" : cursor, CultureInfo.InvariantCulture);
        var all = Of("slack").Where(d => d.Conversation == channel && decimal.Parse(d.Id, CultureInfo.InvariantCulture) >= from)
            .OrderByDescending(d => decimal.Parse(d.Id, CultureInfo.InvariantCulture)).ToList();
        var page = all.Skip(offset).Take(size).Select(d => withMetadata && d.EventType is not null
            ? (object)new { type = "message", bot_id = "B0CRASH", ts = d.Id, metadata = new { event_type = d.EventType, event_payload = new { key = d.Key } } }
            : new { type = "message", bot_id = "B0CRASH", ts = d.Id }).ToList();
        var more = offset + size < all.Count;
        return new { ok = true, messages = page, has_more = more, response_metadata = new { next_cursor = more ? (offset + size).ToString(CultureInfo.InvariantCulture) : "" } };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Identity.Dispose();
    }
}
