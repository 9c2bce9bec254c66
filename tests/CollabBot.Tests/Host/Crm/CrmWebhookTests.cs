using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Storage;
using CollabBot.Host.Crm;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Crm;

// POST /crm/handoffs through the real host, on a Slack workspace whose people have profile
// emails and titles: verified first, then matched by email, recorded once, and the receiver's
// rating card delivered to Slack.
public sealed class CrmWebhookTests
{
    public const string Secret = "whsec-collabbot-test";

    internal static async Task<SlackHost> InstalledAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var host = await SlackHost.StartAsync(configure: s =>
        {
            s["Crm:WebhookSecret"] = Secret;
            configure?.Invoke(s);
        });
        host.Slack.Profiles["U0MAYA"] = ("maya@acme.example", "Head of Sales");
        host.Slack.Profiles["U0BEN"] = ("Ben@Acme.example", "Sales Development Representative");
        host.Slack.Profiles["U0ANA"] = ("ana@acme.example", "Account Executive");
        await host.CommandAsync("U0MAYA", "help");   // the first command installs the workspace with the channel's roster
        return host;
    }

    internal static string Body(string from = "ben@acme.example", string to = "ana@acme.example", string id = "0061x00000AbCdE", string subject = "Contoso") =>
        new JsonObject { ["from"] = from, ["to"] = to, ["subject"] = subject, ["externalId"] = id, ["url"] = "https://acme.my.salesforce.com/" + id, ["stage"] = "Qualified" }
            .ToJsonString();

    internal static Task<HttpResponseMessage> PostAsync(SlackHost host, string body, long? timestamp = null, string secret = Secret,
        string? signature = null, bool signed = true) => PostAsync(host.Client, body, timestamp, secret, signature, signed);

    internal static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, long? timestamp = null, string secret = Secret,
        string? signature = null, bool signed = true)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, CrmEndpoints.WebhookPath) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        if (signed)
        {
            request.Headers.Add(CrmSignature.TimestampHeader, ts);
            request.Headers.Add(CrmSignature.SignatureHeader, signature ?? CrmSignature.Sign(secret, ts, Encoding.UTF8.GetBytes(body)));
        }
        return client.SendAsync(request);
    }

    private static async Task<JsonObject> Json(HttpResponseMessage r) =>
        JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();

    private static Task<(int Handoffs, int Events, int Outbox)> StoredAsync(SlackHost host) => host.QueryAsync(async db =>
        (await db.Unscoped<Handoff>().CountAsync(), await db.Unscoped<CrmEvent>().CountAsync(),
         await db.Unscoped<OutboxMessage>().CountAsync(m => m.IdempotencyKey.StartsWith("handoff:"))));

    [Fact]
    public async Task A_signed_handoff_is_recorded_with_the_pair_from_the_profiles_and_its_card_reaches_the_receiver_in_slack()
    {
        await using var host = await InstalledAsync();
        var response = await PostAsync(host, Body());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Json(response);
        Assert.Equal("recorded", json["status"]!.GetValue<string>());

        var h = await host.QueryAsync(db => db.Unscoped<Handoff>().SingleAsync());
        Assert.Equal((json["handoff"]!.GetValue<long>(), "SDR>AE", "webhook", "Qualified"), (h.Id, h.RolePair, h.Source, h.Stage));   // seats from the titles

        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);
        var post = host.Slack.Of("chat.postMessage").Single(c => c.Body.Contains("Rate this handoff"));
        Assert.Equal("U0ANA", post.Json["channel"]!.GetValue<string>());
        Assert.Contains("SDR → AE", System.Text.RegularExpressions.Regex.Unescape(post.Body));
        Assert.Contains("https://acme.my.salesforce.com/0061x00000AbCdE", post.Body);
    }

    [Fact]
    public async Task Tampered_stale_replayed_unsigned_or_wrongly_signed_calls_get_401_and_store_nothing()
    {
        await using var host = await InstalledAsync();
        var body = Body();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var tampered = new HttpRequestMessage(HttpMethod.Post, CrmEndpoints.WebhookPath) { Content = new StringContent(Body(to: "maya@acme.example"), Encoding.UTF8, "application/json") };
        tampered.Headers.Add(CrmSignature.TimestampHeader, now.ToString(CultureInfo.InvariantCulture));
        tampered.Headers.Add(CrmSignature.SignatureHeader, CrmSignature.Sign(Secret, now.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host, body, timestamp: now - 301)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host, body, timestamp: now + 301)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host, body, signed: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host, body, secret: "someone-elses")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host, body, signature: "sha256=abc")).StatusCode);
        Assert.Equal((0, 0, 0), await StoredAsync(host));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, body, timestamp: now)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(host, body, timestamp: now)).StatusCode);   // the very same call again
        Assert.Equal((1, 1, 1), await StoredAsync(host));
    }

    [Fact]
    public async Task The_same_record_sent_again_is_one_handoff()
    {
        await using var host = await InstalledAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal("recorded", (await Json(await PostAsync(host, Body(), timestamp: now)))["status"]!.GetValue<string>());
        var again = await PostAsync(host, Body(subject: "Contoso (updated)"), timestamp: now + 1);   // signed anew: not a replay
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await Json(again))["status"]!.GetValue<string>());
        Assert.Equal((1, 2, 1), await StoredAsync(host));
    }

    [Fact]
    public async Task An_unknown_email_gets_202_with_the_reason_and_the_admin_sees_it_in_handoff_crm()
    {
        await using var host = await InstalledAsync();
        var response = await PostAsync(host, Body(to: "zoe@elsewhere.example"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("no member has the email zoe@elsewhere.example", (await Json(response))["reason"]!.GetValue<string>());
        Assert.Equal((0, 1, 0), await StoredAsync(host));
        Assert.Contains(host.Slack.Of("users.lookupByEmail"), c => c.Body.Contains("zoe%40elsewhere.example"));   // Slack was asked first

        var view = (await Json(await host.CommandAsync("U0MAYA", "handoff crm")))["text"]!.GetValue<string>();
        Assert.Contains("1 not matched", view);
        Assert.Contains("no member has the email zoe@elsewhere.example", view);
    }

    [Fact]
    public async Task A_member_whose_email_was_not_stored_is_found_through_slack()
    {
        await using var host = await InstalledAsync();
        host.Slack.ChannelMembers.Add("U0LI");
        await host.CommandAsync("U0LI", "help");                 // Li joins; Slack's profile had no email for Li then
        host.Slack.Profiles["U0LI"] = ("li.wei@acme.example", "");
        var response = await PostAsync(host, Body(from: "ana@acme.example", to: "LI.WEI@acme.example"));
        Assert.Equal("recorded", (await Json(response))["status"]!.GetValue<string>());
        var li = await host.QueryAsync(db => db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == "U0LI"));
        Assert.Equal("li.wei@acme.example", li.Email);
        Assert.Equal("AE>Rep", (await host.QueryAsync(db => db.Unscoped<Handoff>().SingleAsync())).RolePair);
    }

    [Fact]
    public async Task When_slack_cannot_be_asked_the_answer_is_503_and_the_same_call_may_come_again()
    {
        await using var host = await InstalledAsync();
        host.Slack.NextRateLimit("users.lookupByEmail", 30);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = Body(to: "li.wei@acme.example");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(host, body, timestamp: now)).StatusCode);
        Assert.Equal((0, 0, 0), await StoredAsync(host));
        host.Slack.ChannelMembers.Add("U0LI");
        host.Slack.Profiles["U0LI"] = ("li.wei@acme.example", "");
        await host.CommandAsync("U0LI", "help");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, body, timestamp: now)).StatusCode);
        Assert.Equal((1, 1, 1), await StoredAsync(host));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"from":"ben@acme.example","to":"ana@acme.example","subject":"Contoso"}""")]
    [InlineData("""{"from":"ben@acme.example","to":"ana@acme.example","subject":"Contoso","externalId":42}""")]
    [InlineData("""{"from":"ben","to":"ana@acme.example","subject":"Contoso","externalId":"1"}""")]
    [InlineData("""{"from":"ben@acme.example","to":"ana@acme.example","subject":"","externalId":"1"}""")]
    [InlineData("""{"from":"ben@acme.example","to":"ana@acme.example","subject":"Contoso","externalId":"1","url":"javascript:alert(1)"}""")]
    [InlineData("""{"from":"ben@acme.example","to":"BEN@acme.example","subject":"Contoso","externalId":"1"}""")]
    public async Task A_malformed_call_gets_400_with_the_reason_and_stores_nothing(string body)
    {
        await using var host = await InstalledAsync();
        var response = await PostAsync(host, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid", (await Json(response))["status"]!.GetValue<string>());
        Assert.Equal((0, 0, 0), await StoredAsync(host));
    }

    [Fact]
    public async Task Without_a_webhook_secret_the_route_does_not_exist()
    {
        await using var host = await SlackHost.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(host, Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync(CrmEndpoints.HubSpotPath, new StringContent("[]"))).StatusCode);
    }
}
