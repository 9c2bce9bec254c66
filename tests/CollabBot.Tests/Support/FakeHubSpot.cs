using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CollabBot.Tests.Support;

// A local stand-in for api.hubapi.com on a real loopback socket, behaving like HubSpot where the
// bot can tell: a private app's Bearer token is required (401 INVALID_AUTHENTICATION), a deal
// comes with the properties asked for and, with propertiesWithHistory, its owner history newest
// first; owners by id; 404 OBJECT_NOT_FOUND for what does not exist; a 429 RATE_LIMIT with
// Retry-After when scripted. Every call is recorded. ChangeOwner moves a deal as a user would
// and returns the webhook event HubSpot would send for it.
internal sealed class FakeHubSpot : IAsyncDisposable
{
    public const string Token = "pat-na1-fake-private-app-token";
    public const long Portal = 62515;
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();
    private long _events;

    public sealed record Deal(string Name, string Stage, List<(string Owner, DateTimeOffset At)> Owners);

    public ConcurrentQueue<(string Path, string Query, string? Authorization)> Calls { get; } = new();
    public ConcurrentDictionary<string, Deal> Deals { get; } = new();
    public ConcurrentDictionary<string, (string Email, string First, string Last)> Owners { get; } = new();
    public string BaseUrl { get; }

    private FakeHubSpot(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static Task<FakeHubSpot> StartAsync() => Loopback.StartAsync<FakeHubSpot>((app, fake) =>
    {
        app.MapGet("/crm/v3/objects/deals/{id}", (HttpContext http, string id) => fake().HandleAsync(http, () => fake().DealAsync(http, id)));
        app.MapGet("/crm/v3/owners/{id}", (HttpContext http, string id) => fake().HandleAsync(http, () => fake().OwnerAsync(http, id)));
    }, (app, url) => new FakeHubSpot(app, url.TrimEnd('/')));

    public IEnumerable<(string Path, string Query, string? Authorization)> Of(string pathStart) => Calls.Where(c => c.Path.StartsWith(pathStart, StringComparison.Ordinal));

    public void NextRateLimit(int seconds) => _scripted.Enqueue(async http =>
    {
        http.Response.StatusCode = 429;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(new
        {
            status = "error",
            message = "You have reached your secondly limit.",
            errorType = "RATE_LIMIT",
            correlationId = Guid.NewGuid(),
            policyName = "SECONDLY"
        });
    });

    public void AddDeal(string id, string name, string stage, string owner, DateTimeOffset at) => Deals[id] = new Deal(name, stage, [(owner, at)]);

    // What a user does in HubSpot, and the deal.propertyChange event HubSpot then sends.
    public JsonObject ChangeOwner(string dealId, string owner, DateTimeOffset at)
    {
        Deals[dealId].Owners.Add((owner, at));
        return new JsonObject
        {
            ["eventId"] = Interlocked.Increment(ref _events) + 1_000_000,
            ["subscriptionId"] = 4242,
            ["portalId"] = Portal,
            ["appId"] = 1234567,
            ["occurredAt"] = at.ToUnixTimeMilliseconds(),
            ["subscriptionType"] = "deal.propertyChange",
            ["attemptNumber"] = 0,
            ["objectId"] = long.Parse(dealId, CultureInfo.InvariantCulture),
            ["propertyName"] = "hubspot_owner_id",
            ["propertyValue"] = owner,
            ["changeSource"] = "CRM_UI",
            ["sourceId"] = "userId:9100",
        };
    }

    private async Task HandleAsync(HttpContext http, Func<Task> respond)
    {
        var auth = http.Request.Headers.Authorization.ToString();
        Calls.Enqueue((http.Request.Path.Value!, http.Request.QueryString.Value ?? "", auth.Length == 0 ? null : auth));
        if (_scripted.TryDequeue(out var scripted))
        {
            await scripted(http);
            return;
        }
        if (auth != "Bearer " + Token)
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new { status = "error", message = "Authentication credentials not found.", category = "INVALID_AUTHENTICATION" });
            return;
        }
        await respond();
    }

    private Task DealAsync(HttpContext http, string id)
    {
        if (!Deals.TryGetValue(id, out var deal)) return NotFound(http);
        var asked = http.Request.Query["properties"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var current = deal.Owners[^1];
        var all = new Dictionary<string, string?>
        {
            ["dealname"] = deal.Name,
            ["dealstage"] = deal.Stage,
            ["hubspot_owner_id"] = current.Owner,
            ["hs_object_id"] = id,
            ["createdate"] = Iso(deal.Owners[0].At),
            ["hs_lastmodifieddate"] = Iso(current.At),
        };
        var properties = new JsonObject();
        foreach (var p in asked.Append("hs_object_id").Append("createdate").Append("hs_lastmodifieddate").Distinct()) properties[p] = all.GetValueOrDefault(p);
        var body = new JsonObject
        {
            ["id"] = id,
            ["properties"] = properties,
            ["createdAt"] = Iso(deal.Owners[0].At),
            ["updatedAt"] = Iso(current.At),
            ["archived"] = false,
        };
        if (http.Request.Query["propertiesWithHistory"].ToString().Split(',').Contains("hubspot_owner_id"))
            body["propertiesWithHistory"] = new JsonObject
            {
                ["hubspot_owner_id"] = new JsonArray([.. deal.Owners.AsEnumerable().Reverse().Select(o => (JsonNode)new JsonObject
                    { ["value"] = o.Owner, ["timestamp"] = Iso(o.At), ["sourceType"] = "CRM_UI", ["sourceId"] = "userId:9100", ["updatedByUserId"] = 9100 })]),
            };
        return http.Response.WriteAsJsonAsync(body);
    }

    private Task OwnerAsync(HttpContext http, string id) => Owners.TryGetValue(id, out var o)
        ? http.Response.WriteAsJsonAsync(new
        {
            id,
            email = o.Email,
            firstName = o.First,
            lastName = o.Last,
            userId = 9000 + id.Length,
            type = "PERSON",
            createdAt = "2025-01-10T09:00:00.000Z",
            updatedAt = "2026-06-01T09:00:00.000Z",
            archived = false
        })
        : NotFound(http);

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = 404;
        return http.Response.WriteAsJsonAsync(new { status = "error", message = "Object not found.", category = "OBJECT_NOT_FOUND", correlationId = Guid.NewGuid() });
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
