using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Host.Crm;
using CollabBot.Host.Digest;
using CollabBot.Tests.Core.Features.Digest;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Crm;

// POST /crm/hubspot end to end: HubSpot's signed webhook, the deal's owner history and the
// owners' emails from a local fake HubSpot API, the receiver's card in Slack, their rating,
// and the pair on the digest page.
public sealed class HubSpotWebhookTests
{
    private const string ClientSecret = "hubspot-client-secret-for-tests";
    private const string PublicBase = "https://collabbot.acme.example";
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-3);

    private sealed class Rig(SlackHost host, FakeHubSpot hubspot) : IAsyncDisposable
    {
        public SlackHost Host { get; } = host;
        public FakeHubSpot HubSpot { get; } = hubspot;

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await HubSpot.DisposeAsync();
        }
    }

    private static async Task<Rig> StartAsync()
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
        return new Rig(host, hubspot);
    }

    private static Task<HttpResponseMessage> PostAsync(Rig rig, JsonArray events, long? timestamp = null, string secret = ClientSecret,
        string uri = PublicBase + CrmEndpoints.HubSpotPath, bool signed = true, string? body = null)
    {
        body ??= events.ToJsonString();
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, CrmEndpoints.HubSpotPath) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        if (signed)
        {
            request.Headers.Add(HubSpotSignature.TimestampHeader, ts);
            request.Headers.Add(HubSpotSignature.SignatureHeader, HubSpotSignature.Sign(secret, "POST", uri, Encoding.UTF8.GetBytes(events.ToJsonString()), ts));
        }
        return rig.Host.Client.SendAsync(request);
    }

    private static Task<List<Handoff>> HandoffsAsync(Rig rig) => rig.Host.QueryAsync(db => db.Unscoped<Handoff>().OrderBy(h => h.Id).ToListAsync());

    private static JsonArray Events(params JsonObject[] events) => new([.. events]);

    [Fact]
    public async Task A_deal_changing_owner_becomes_a_rated_handoff_that_shows_by_pair_on_the_digest_page()
    {
        await using var rig = await StartAsync();
        var (host, hubspot) = (rig.Host, rig.HubSpot);
        await host.CommandAsync("U0MAYA", "settings anonymity 3");
        var contact = new JsonObject { ["eventId"] = 1, ["subscriptionType"] = "contact.creation", ["objectId"] = 77, ["portalId"] = FakeHubSpot.Portal };
        var batch = Events([.. new[] { "1001", "1002", "1003" }.Select((d, i) => hubspot.ChangeOwner(d, "502", Start.AddMinutes(10 + i))), contact]);

        var response = await PostAsync(rig, batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var handoffs = await HandoffsAsync(rig);
        Assert.Equal(["SDR>AE Contoso", "SDR>AE Fabrikam", "SDR>AE Northwind"], handoffs.Select(h => $"{h.RolePair} {h.Subject}"));
        var h1 = handoffs[0];
        Assert.Equal(("hubspot", "hubspot:deal:1001", "appointmentscheduled", $"https://app.hubspot.com/contacts/{FakeHubSpot.Portal}/record/0-3/1001"),
            (h1.Source, h1.ExternalId, h1.Stage, h1.Url));
        var dealCall = hubspot.Of("/crm/v3/objects/deals/1001").Single();
        Assert.Contains("propertiesWithHistory=hubspot_owner_id", dealCall.Query);
        Assert.Equal("Bearer " + FakeHubSpot.Token, dealCall.Authorization);
        Assert.NotEmpty(hubspot.Of("/crm/v3/owners/501"));

        // The receiver's cards reach Slack, and she rates each handoff there.
        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);
        var cards = host.Slack.Of("chat.postMessage").Where(c => c.Body.Contains("handoff.rate")).ToList();
        Assert.Equal(3, cards.Count);
        Assert.All(cards, c => Assert.Equal("U0ANA", c.Json["channel"]!.GetValue<string>()));
        foreach (var (card, quality) in cards.Zip([4, 3, 5]))
            await RateInSlackAsync(host, card.Json, quality, quality == 5 ? "budget,decision-maker,need,timeline,next-step,crm" : "budget,need,next-step");
        Assert.Equal(3, await host.QueryAsync(db => db.Unscoped<HandoffFeedback>().CountAsync()));

        // The week's stored digest, opened from its signed link: the pair with its figures.
        var team = await host.QueryAsync(db => db.Unscoped<Team>().SingleAsync());
        var week = IsoWeek.Containing(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
        var snapshot = SampleSnapshots.Make(week.ToString(), 70, team: team.Name, k: 3);
        await host.QueryAsync(db =>
        {
            db.Add(new DigestSnapshot { WorkspaceId = team.WorkspaceId, TeamId = team.Id, Week = week.ToString(), Model = CeiModel.Id, AsOf = snapshot.AsOf,
                ComputedAt = DateTimeOffset.UtcNow, Cei = 70, Json = CollabJson.Serialize(snapshot) });
            return db.SaveChangesAsync();
        });
        var page = new Uri(host.Services.GetRequiredService<SignedDigestLinks>().For(team.Id, week.ToString()).PageUrl).PathAndQuery;
        var html = await host.Client.GetStringAsync(page, TestContext.Current.CancellationToken);
        Assert.Contains("Handoff quality by role pair", html);
        Assert.Contains("<tr><td>SDR → AE</td><td>3</td><td>3</td><td>4.0</td><td>67 %</td><td>Decision maker identified (2×)</td>", html);
    }

    private static async Task RateInSlackAsync(SlackHost host, JsonObject posted, int quality, string items)
    {
        var button = posted["blocks"]!.AsArray().SelectMany(b => b!["elements"] as JsonArray ?? []).First(e => e!["action_id"]?.GetValue<string>() == HandoffActions.Rate)!;
        var opens = host.Slack.Of("views.open").Count();
        await host.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "U0ANA", ["team_id"] = "T0ACME" }, ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["trigger_id"] = "trig-rate", ["actions"] = new JsonArray(new JsonObject { ["action_id"] = HandoffActions.Rate, ["value"] = button["value"]!.GetValue<string>(), ["type"] = "button" }),
        }.ToJsonString());
        var view = host.Slack.Of("views.open").Skip(opens).Single().Json["view"]!;
        Assert.Contains("SDR → AE", System.Text.RegularExpressions.Regex.Unescape(view.ToJsonString()));
        var state = new JsonObject
        {
            [HandoffActions.Quality] = new JsonObject { [HandoffActions.Quality] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = quality.ToString() } } },
            [HandoffActions.Items] = new JsonObject { [HandoffActions.Items] = new JsonObject { ["type"] = "checkboxes",
                ["selected_options"] = new JsonArray([.. items.Split(',').Select(i => (JsonNode)new JsonObject { ["value"] = i })]) } },
        };
        var done = await host.InteractionAsync(new JsonObject
        {
            ["type"] = "view_submission", ["user"] = new JsonObject { ["id"] = "U0ANA" }, ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = view["callback_id"]!.GetValue<string>(), ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Rate the handoff" }, ["state"] = new JsonObject { ["values"] = state },
            },
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task Tampered_stale_replayed_unsigned_or_other_url_calls_get_401_and_hubspot_is_not_even_asked()
    {
        await using var rig = await StartAsync();
        var batch = Events(rig.HubSpot.ChangeOwner("1001", "502", Start.AddMinutes(10)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var tampered = batch.ToJsonString().Replace("\"502\"", "\"503\"");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(rig, batch, body: tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(rig, batch, timestamp: now - 5 * 60 * 1000 - 1000)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(rig, batch, signed: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(rig, batch, secret: "another-apps-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(rig, batch, uri: "http://localhost" + CrmEndpoints.HubSpotPath)).StatusCode);   // HubSpot signs the public URL
        Assert.Empty(rig.HubSpot.Calls);
        Assert.Empty(await HandoffsAsync(rig));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(rig, batch, timestamp: now)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(rig, batch, timestamp: now)).StatusCode);   // replayed
        Assert.Single(await HandoffsAsync(rig));
    }

    [Fact]
    public async Task A_short_rate_limit_is_waited_out_and_a_long_one_answers_503_until_hubspot_sends_it_again()
    {
        await using var rig = await StartAsync();
        rig.HubSpot.NextRateLimit(1);
        var first = Events(rig.HubSpot.ChangeOwner("1001", "502", Start.AddMinutes(10)));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(rig, first)).StatusCode);
        Assert.Equal(2, rig.HubSpot.Of("/crm/v3/objects/deals/1001").Count());      // the 429, then the answer
        Assert.Single(await HandoffsAsync(rig));

        rig.HubSpot.NextRateLimit(30);
        var second = Events(rig.HubSpot.ChangeOwner("1002", "502", Start.AddMinutes(11)));
        var response = await PostAsync(rig, second);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Single(await HandoffsAsync(rig));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(rig, second)).StatusCode);    // HubSpot's retry, signed anew
        Assert.Equal(2, (await HandoffsAsync(rig)).Count);
    }

    [Fact]
    public async Task Sent_twice_a_change_is_one_handoff_and_what_cannot_be_matched_is_said()
    {
        await using var rig = await StartAsync();
        var change = rig.HubSpot.ChangeOwner("1001", "502", Start.AddMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(rig, Events(change))).StatusCode);
        var again = change.DeepClone().AsObject();
        again["attemptNumber"] = 1;
        var body = await (await PostAsync(rig, Events(again))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"status\":\"duplicate\"", body);
        Assert.Single(await HandoffsAsync(rig));

        var unknown = await PostAsync(rig, Events(rig.HubSpot.ChangeOwner("1002", "503", Start.AddMinutes(12))));   // to someone not in the workspace
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Contains("no member has the email zoe@elsewhere.example", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        rig.HubSpot.AddDeal("1004", "Tailspin", "qualifiedtobuy", "502", Start.AddMinutes(13));             // created with its owner: no handoff
        var created = new JsonObject { ["objectId"] = 1004, ["portalId"] = FakeHubSpot.Portal, ["subscriptionType"] = "deal.propertyChange",
            ["propertyName"] = "hubspot_owner_id", ["propertyValue"] = "502", ["occurredAt"] = Start.AddMinutes(13).ToUnixTimeMilliseconds() };
        Assert.Contains("\"status\":\"ignored\"", await (await PostAsync(rig, Events(created))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Single(await HandoffsAsync(rig));
    }

    [Fact]
    public async Task A_malformed_batch_gets_400()
    {
        await using var rig = await StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, CrmEndpoints.HubSpotPath) { Content = new StringContent("{\"not\":\"a batch\"}", Encoding.UTF8, "application/json") };
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString();
        request.Headers.Add(HubSpotSignature.TimestampHeader, ts);
        request.Headers.Add(HubSpotSignature.SignatureHeader,
            HubSpotSignature.Sign(ClientSecret, "POST", PublicBase + CrmEndpoints.HubSpotPath, Encoding.UTF8.GetBytes("{\"not\":\"a batch\"}"), ts));
        Assert.Equal(HttpStatusCode.BadRequest, (await rig.Host.Client.SendAsync(request)).StatusCode);
        Assert.Empty(rig.HubSpot.Calls);
    }
}
