using System.Globalization;
using System.Net;
using System.Text;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

public sealed class SlackEndpointTests
{
    private static readonly string Kudos = SlackHost.Form(("team_id", "T0ACME"), ("channel_id", "C0SALES"), ("user_id", "U0BEN"), ("text", "help"));

    private static HttpRequestMessage Raw(string path, string body, string contentType, string? ts, string? sig)
    {
        var r = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        r.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (ts is not null) r.Headers.Add("X-Slack-Request-Timestamp", ts);
        if (sig is not null) r.Headers.Add("X-Slack-Signature", sig);
        return r;
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/events")]
    public async Task Unsigned_badly_signed_stale_and_replayed_requests_get_401_and_change_nothing(string path)
    {
        await using var host = await SlackHost.StartAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var good = CollabBot.Slack.Wire.SlackSignature.Sign(SlackHost.Secret, now.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(Kudos));
        var old = (now - 600).ToString(CultureInfo.InvariantCulture);
        var cases = new[]
        {
            Raw(path, Kudos, "application/x-www-form-urlencoded", null, null),
            Raw(path, Kudos, "application/x-www-form-urlencoded", now.ToString(CultureInfo.InvariantCulture), "v0=" + new string('0', 64)),
            Raw(path, Kudos + "&x=1", "application/x-www-form-urlencoded", now.ToString(CultureInfo.InvariantCulture), good),
            Raw(path, Kudos, "application/x-www-form-urlencoded", old, CollabBot.Slack.Wire.SlackSignature.Sign(SlackHost.Secret, old, Encoding.UTF8.GetBytes(Kudos))),
            Raw(path, Kudos, "application/x-www-form-urlencoded", now.ToString(CultureInfo.InvariantCulture), CollabBot.Slack.Wire.SlackSignature.Sign("wrong", now.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(Kudos))),
        };
        foreach (var request in cases)
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Empty(host.Slack.Calls);
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Workspace>().CountAsync()));
    }

    [Fact]
    public async Task Wrong_content_types_and_malformed_payloads_are_refused_without_a_500()
    {
        await using var host = await SlackHost.StartAsync();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await host.PostSignedAsync("/slack/commands", "{}", "application/json")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await host.PostSignedAsync("/slack/events", "a=b", "application/x-www-form-urlencoded")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostSignedAsync("/slack/commands", "text=hi", "application/x-www-form-urlencoded")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.InteractionAsync("{not json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.InteractionAsync("[1,2]")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.EventAsync("{\"type\":")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.EventAsync("\"just a string\"")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.PostSignedAsync("/slack/events", new string(' ', 600_000), "application/json")).StatusCode);
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Workspace>().CountAsync()));
    }

    [Fact]
    public async Task Url_verification_and_ssl_check_are_answered()
    {
        await using var host = await SlackHost.StartAsync();
        var challenge = await host.EventAsync("{\"type\":\"url_verification\",\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}");
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await challenge.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await host.PostSignedAsync("/slack/commands", "ssl_check=1&token=x", "application/x-www-form-urlencoded")).StatusCode);
    }
}
