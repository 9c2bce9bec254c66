using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Benchmarks.Fanout;

// slack.com/api for the fan-out, on loopback, enforcing Slack's published limits per app per
// workspace (the workspace is the one the bot token belongs to), our reading of them:
// chat.postMessage ~1 a second per channel with short bursts (here a burst of 5) under a
// workspace cap of "several hundred a minute" (here 300/min, a burst of a fifth of a minute);
// the other methods their tier's per-minute rate, a burst of a fifth of it. Over the limit:
// 429 with Retry-After. Every request is counted, every accepted message recorded.
internal sealed class FanoutSlack : IAsyncDisposable
{
    public const int PostPerMinute = 300, PostBurst = 60, ChannelBurst = 5;
    private static readonly Dictionary<string, int> Tiers = new() { ["chat.update"] = 50, ["chat.postEphemeral"] = 100, ["users.info"] = 100 };

    private readonly WebApplication _app;
    private readonly FakeBudgets _budgets = new(TimeProvider.System);
    private int _ts;

    public FakeLedger Ledger { get; } = new();
    public string ApiBaseUrl { get; private set; } = "";

    private FanoutSlack(WebApplication app) => _app = app;

    public static string Token(int workspace) => $"xoxb-fanout-{workspace}";

    public static int TierPerMinute(string method) => Tiers.GetValueOrDefault(method, 20);
    public static int TierBurst(string method) => Math.Max(1, TierPerMinute(method) / 5);

    public static async Task<FanoutSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FanoutSlack(app);
        app.MapPost("/api/{method}", (HttpContext http, string method) => fake.HandleAsync(http, method));
        await app.StartAsync();
        fake.ApiBaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api/";
        return fake;
    }

    // The budgets a call counts against, as Slack keys them.
    public static (string Key, Func<IFakeBudget> Make)[] BudgetsFor(string workspace, string method, string? channel) =>
        method == "chat.postMessage" && channel is not null
            ? [($"{workspace}|{method}", () => new FakeBucket(PostPerMinute / 60.0, PostBurst)), ($"{workspace}|{method}|{channel}", () => new FakeBucket(1, ChannelBurst))]
            : [($"{workspace}|{method}", () => new FakeBucket(TierPerMinute(method) / 60.0, TierBurst(method)))];

    private async Task HandleAsync(HttpContext http, string method)
    {
        Ledger.Request();
        var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync()) as JsonObject ?? [];
        var auth = http.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer xoxb-fanout-", StringComparison.Ordinal))
        {
            await http.Response.WriteAsJsonAsync(new { ok = false, error = "invalid_auth" });
            return;
        }
        var workspace = auth["Bearer xoxb-fanout-".Length..];
        var channel = body["channel"]?.GetValue<string>();
        var wait = _budgets.Admit(BudgetsFor(workspace, method, channel));
        if (wait > TimeSpan.Zero)
        {
            Ledger.Refused();
            http.Response.StatusCode = 429;
            http.Response.Headers.RetryAfter = FakeBudgets.RetryAfter(wait);
            await http.Response.WriteAsJsonAsync(new { ok = false, error = "ratelimited" });
            return;
        }
        switch (method)
        {
            case "chat.postMessage" when channel is not null && body["blocks"] is JsonArray:
                Ledger.Delivered("post", $"{workspace}|{channel}");
                // A post to a user id lands in the app's DM with them, which has its own id.
                var posted = channel.StartsWith('U') ? "D" + channel[1..] : channel;
                await http.Response.WriteAsJsonAsync(new { ok = true, channel = posted, ts = $"{1_700_000_000 + Interlocked.Increment(ref _ts)}.000100" });
                return;
            case "chat.update" when channel is not null && body["ts"] is not null:
                Ledger.Delivered("update", $"{workspace}|{channel}");
                await http.Response.WriteAsJsonAsync(new { ok = true, channel, ts = body["ts"]!.GetValue<string>() });
                return;
            default:
                await http.Response.WriteAsJsonAsync(new { ok = false, error = "invalid_arguments" });
                return;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
