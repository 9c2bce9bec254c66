using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Benchmarks.Fanout;

// The Entra token endpoint and the Bot Connector for the fan-out, on loopback, enforcing the
// published Teams limits (rate-limit.md): per bot per thread, sends and creates 7 in 1 s, 8 in
// 2 s, 60 in 30 s, 1800 in an hour; per app per tenant 30 requests a second. Each tenant has
// its own service URL path (/t{n}/), so the fake knows the tenant of every call. Over a limit:
// 429 with Retry-After. Every Connector request is counted, every accepted message recorded.
internal sealed class FanoutTeams : IAsyncDisposable
{
    public const string AppId = "0fa70000-0000-4000-8000-00000000fa70", AppPassword = "fanout-app-password", BotToken = "fanout-bot-token";
    public const int TenantPerSecond = 30;
    private static readonly (int, TimeSpan)[] PerThread =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))];

    private readonly WebApplication _app;
    private readonly FakeBudgets _budgets = new(TimeProvider.System);
    private long _ids;

    public FakeLedger Ledger { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public string ServiceUrl(string tenant) => $"{BaseUrl}/{tenant}/";

    private FanoutTeams(WebApplication app) => _app = app;

    public Dictionary<string, string> HostSettings => new()
    {
        ["Teams__AppId"] = AppId,
        ["Teams__AppPassword"] = AppPassword,
        ["Teams__TokenEndpoint"] = BaseUrl + "/oauth2/v2.0/token",
    };

    public static async Task<FanoutTeams> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FanoutTeams(app);
        app.MapPost("/oauth2/v2.0/token", (HttpRequest request) => TokenAsync(request));
        app.MapPost("/{tenant}/v3/conversations", (HttpContext http, string tenant) => fake.ConnectorAsync(http, tenant, null, null));
        app.MapPost("/{tenant}/v3/conversations/{id}/activities", (HttpContext http, string tenant, string id) => fake.ConnectorAsync(http, tenant, id, null));
        app.MapPut("/{tenant}/v3/conversations/{id}/activities/{activity}", (HttpContext http, string tenant, string id, string activity) => fake.ConnectorAsync(http, tenant, id, activity));
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    // The budgets a Connector call counts against: its thread's (for a create, the user's) and the tenant's.
    public static (string Key, Func<IFakeBudget> Make)[] BudgetsFor(string tenant, string thread) =>
        [($"{tenant}|{thread}", () => new FakeWindows(PerThread)), ($"{tenant}", () => new FakeWindows((TenantPerSecond, TimeSpan.FromSeconds(1))))];

    private static async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        return form["client_id"] == AppId && form["client_secret"] == AppPassword
            ? Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = BotToken })
            : Results.Json(new { error = "invalid_client" }, statusCode: 401);
    }

    private async Task ConnectorAsync(HttpContext http, string tenant, string? conversation, string? activity)
    {
        Ledger.Request();
        var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync()) as JsonObject ?? [];
        if (http.Request.Headers.Authorization.ToString() != "Bearer " + BotToken)
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new { message = "Authorization has been denied for this request." });
            return;
        }
        var user = body["members"]?[0]?["id"]?.GetValue<string>();
        var wait = _budgets.Admit(BudgetsFor(tenant, conversation ?? "create|" + user));
        if (wait > TimeSpan.Zero)
        {
            Ledger.Refused();
            http.Response.StatusCode = 429;
            http.Response.Headers.RetryAfter = FakeBudgets.RetryAfter(wait);
            await http.Response.WriteAsJsonAsync(new { error = new { code = "TooManyRequests", message = "Fake: over the limit" } });
            return;
        }
        if (conversation is null)
        {
            // Teams answers with the user's existing 1:1 chat: one id per user.
            if (user is null || body["tenantId"]?.GetValue<string>() != tenant)
            {
                http.Response.StatusCode = 400;
                await http.Response.WriteAsJsonAsync(new { error = new { code = "BadArgument", message = "Fake: members and tenantId required" } });
                return;
            }
            await http.Response.WriteAsJsonAsync(new { id = "a:1on1-" + user });
            return;
        }
        if (body["attachments"] is not JsonArray)
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsJsonAsync(new { error = new { code = "BadArgument", message = "Fake: a card was expected" } });
            return;
        }
        Ledger.Delivered(activity is null ? "post" : "update", $"{tenant}|{conversation}");
        await http.Response.WriteAsJsonAsync(new { id = activity ?? (1_759_944_781_430L + Interlocked.Increment(ref _ids)).ToString(CultureInfo.InvariantCulture) });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
