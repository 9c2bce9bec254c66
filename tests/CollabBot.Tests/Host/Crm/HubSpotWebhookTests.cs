using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Host.Crm;
using CollabBot.Tests.Support;

namespace CollabBot.Tests.Host.Crm;

// POST /crm/hubspot refusing what HubSpot did not sign, living with HubSpot's rate limits,
// and recording each change once.
public sealed class HubSpotWebhookTests
{
    [Fact]
    public async Task Tampered_stale_replayed_unsigned_or_other_url_calls_get_401_and_hubspot_is_not_even_asked()
    {
        await using var rig = await HubSpotRig.StartAsync();
        var batch = HubSpotRig.Events(rig.HubSpot.ChangeOwner("1001", "502", HubSpotRig.Start.AddMinutes(10)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var tampered = batch.ToJsonString().Replace("\"502\"", "\"503\"");
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.PostAsync(batch, body: tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.PostAsync(batch, timestamp: now - 5 * 60 * 1000 - 1000)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.PostAsync(batch, signed: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.PostAsync(batch, secret: "another-apps-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.PostAsync(batch, uri: "http://localhost" + CrmEndpoints.HubSpotPath)).StatusCode);   // HubSpot signs the public URL
        Assert.Empty(rig.HubSpot.Calls);
        Assert.Empty(await rig.HandoffsAsync());

        Assert.Equal(HttpStatusCode.OK, (await rig.PostAsync(batch, timestamp: now)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.PostAsync(batch, timestamp: now)).StatusCode);   // replayed
        Assert.Single(await rig.HandoffsAsync());
    }

    [Fact]
    public async Task A_short_rate_limit_is_waited_out_and_a_long_one_answers_503_until_hubspot_sends_it_again()
    {
        await using var rig = await HubSpotRig.StartAsync();
        rig.HubSpot.NextRateLimit(1);
        var first = HubSpotRig.Events(rig.HubSpot.ChangeOwner("1001", "502", HubSpotRig.Start.AddMinutes(10)));
        Assert.Equal(HttpStatusCode.OK, (await rig.PostAsync(first)).StatusCode);
        Assert.Equal(2, rig.HubSpot.Of("/crm/v3/objects/deals/1001").Count());      // the 429, then the answer
        Assert.Single(await rig.HandoffsAsync());

        rig.HubSpot.NextRateLimit(30);
        var second = HubSpotRig.Events(rig.HubSpot.ChangeOwner("1002", "502", HubSpotRig.Start.AddMinutes(11)));
        var response = await rig.PostAsync(second);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Single(await rig.HandoffsAsync());

        Assert.Equal(HttpStatusCode.OK, (await rig.PostAsync(second)).StatusCode);    // HubSpot's retry, signed anew
        Assert.Equal(2, (await rig.HandoffsAsync()).Count);
    }

    [Fact]
    public async Task Sent_twice_a_change_is_one_handoff_and_what_cannot_be_matched_is_said()
    {
        await using var rig = await HubSpotRig.StartAsync();
        var change = rig.HubSpot.ChangeOwner("1001", "502", HubSpotRig.Start.AddMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await rig.PostAsync(HubSpotRig.Events(change))).StatusCode);
        var again = change.DeepClone().AsObject();
        again["attemptNumber"] = 1;
        var body = await (await rig.PostAsync(HubSpotRig.Events(again))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"status\":\"duplicate\"", body);
        Assert.Single(await rig.HandoffsAsync());

        var unknown = await rig.PostAsync(HubSpotRig.Events(rig.HubSpot.ChangeOwner("1002", "503", HubSpotRig.Start.AddMinutes(12))));   // to someone not in the workspace
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Contains("no member has the email zoe@elsewhere.example", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        rig.HubSpot.AddDeal("1004", "Tailspin", "qualifiedtobuy", "502", HubSpotRig.Start.AddMinutes(13));             // created with its owner: no handoff
        var created = new JsonObject
        {
            ["objectId"] = 1004,
            ["portalId"] = FakeHubSpot.Portal,
            ["subscriptionType"] = "deal.propertyChange",
            ["propertyName"] = "hubspot_owner_id",
            ["propertyValue"] = "502",
            ["occurredAt"] = HubSpotRig.Start.AddMinutes(13).ToUnixTimeMilliseconds()
        };
        Assert.Contains("\"status\":\"ignored\"", await (await rig.PostAsync(HubSpotRig.Events(created))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Single(await rig.HandoffsAsync());
    }

    [Fact]
    public async Task A_malformed_batch_gets_400()
    {
        await using var rig = await HubSpotRig.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, CrmEndpoints.HubSpotPath) { Content = new StringContent("{\"not\":\"a batch\"}", Encoding.UTF8, "application/json") };
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(HubSpotSignature.TimestampHeader, ts);
        request.Headers.Add(HubSpotSignature.SignatureHeader,
            HubSpotSignature.Sign(HubSpotRig.ClientSecret, "POST", HubSpotRig.PublicBase + CrmEndpoints.HubSpotPath, Encoding.UTF8.GetBytes("{\"not\":\"a batch\"}"), ts));
        Assert.Equal(HttpStatusCode.BadRequest, (await rig.Host.Client.SendAsync(request)).StatusCode);
        Assert.Empty(rig.HubSpot.Calls);
    }
}
