using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Host.Crm;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Host.Crm;

// A real host on a Slack workspace (CrmWebhookTests' people) wired to a local fake HubSpot,
// with a client that signs batches the way HubSpot does.
internal sealed class HubSpotRig(SlackHost host, FakeHubSpot hubspot) : IAsyncDisposable
{
    public const string ClientSecret = "hubspot-client-secret-for-tests";
    public const string PublicBase = "https://collabbot.acme.example";
    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-3);

    public SlackHost Host { get; } = host;
    public FakeHubSpot HubSpot { get; } = hubspot;

    public static async Task<HubSpotRig> StartAsync()
    {
        var hubspot = await FakeHubSpot.StartAsync();
        var host = await CrmWebhookTests.InstalledAsync(s =>
        {
            s["Crm:HubSpotClientSecret"] = ClientSecret;
            s["Crm:HubSpotAccessToken"] = FakeHubSpot.Token;
            s["Crm:HubSpotApiBaseUrl"] = hubspot.BaseUrl;
            s["Bot:PublicBaseUrl"] = PublicBase;
        });
        hubspot.Owners["501"] = ("ben@acme.example", "Ben", "Baker");
        hubspot.Owners["502"] = ("Ana@Acme.example", "Ana", "Alvarez");
        hubspot.Owners["503"] = ("zoe@elsewhere.example", "Zoe", "Zhang");
        foreach (var (id, name) in new[] { ("1001", "Contoso"), ("1002", "Fabrikam"), ("1003", "Northwind") })
            hubspot.AddDeal(id, name, "appointmentscheduled", "501", Start);
        return new HubSpotRig(host, hubspot);
    }

    public Task<HttpResponseMessage> PostAsync(JsonArray events, long? timestamp = null, string secret = ClientSecret,
        string uri = PublicBase + CrmEndpoints.HubSpotPath, bool signed = true, string? body = null)
    {
        body ??= events.ToJsonString();
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, CrmEndpoints.HubSpotPath) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        if (signed)
        {
            request.Headers.Add(HubSpotSignature.TimestampHeader, ts);
            request.Headers.Add(HubSpotSignature.SignatureHeader, HubSpotSignature.Sign(secret, "POST", uri, Encoding.UTF8.GetBytes(events.ToJsonString()), ts));
        }
        return Host.Client.SendAsync(request);
    }

    public Task<List<Handoff>> HandoffsAsync() => Host.QueryAsync(db => db.Unscoped<Handoff>().OrderBy(h => h.Id).ToListAsync());

    public static JsonArray Events(params JsonObject[] events) => new([.. events]);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await HubSpot.DisposeAsync();
    }
}
