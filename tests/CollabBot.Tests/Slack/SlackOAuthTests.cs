using System.Net;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

public sealed class SlackOAuthTests
{
    private static async Task<(string State, string Cookie)> StartInstallAsync(SlackHost host)
    {
        var page = await host.Client.GetAsync("/slack/install", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Add to Slack", html);
        var state = System.Text.RegularExpressions.Regex.Match(html, "state=([0-9a-f]+)").Groups[1].Value;
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("collabbot_slack_state=", StringComparison.Ordinal)).Split(';')[0];
        Assert.Contains("httponly", page.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        return (state, cookie);
    }

    private static Task<HttpResponseMessage> CallbackAsync(SlackHost host, string state, string? cookie, string code = "code-1")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code={code}&state={state}");
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Installing_exchanges_the_code_stores_the_token_encrypted_and_welcomes_the_installer()
    {
        await using var host = await SlackHost.StartAsync(singleWorkspace: false);
        var (state, cookie) = await StartInstallAsync(host);
        var done = await CallbackAsync(host, state, cookie);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var exchange = host.Slack.Of("oauth.v2.access").Single();
        Assert.StartsWith("Basic ", exchange.Authorization);
        Assert.Contains("code=code-1", exchange.Body);
        var installation = await host.QueryAsync(db => db.Unscoped<Installation>().SingleAsync());
        Assert.NotNull(installation.EncryptedBotToken);
        Assert.DoesNotContain(FakeSlack.Token, installation.EncryptedBotToken);
        Assert.Equal("UBOT", installation.BotUserId);
        Assert.Equal("T0ACME", (await host.QueryAsync(db => db.Unscoped<Workspace>().SingleAsync())).ExternalId);
        Assert.Equal("U0MAYA", host.Slack.Of("chat.postMessage").Single().Json["channel"]!.GetValue<string>());

        // The stored token is what later calls use.
        host.Slack.ChannelMembers.Remove("UBOT");
        await host.EventAsync("{\"type\":\"event_callback\",\"team_id\":\"T0ACME\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_home_opened\",\"user\":\"U0MAYA\",\"tab\":\"home\"}}");
        Assert.All(host.Slack.Calls.Where(c => c.Method != "oauth.v2.access"), c => Assert.Equal("Bearer " + FakeSlack.Token, c.Authorization));
    }

    [Fact]
    public async Task A_missing_wrong_or_reused_state_installs_nothing()
    {
        await using var host = await SlackHost.StartAsync(singleWorkspace: false);
        var (state, cookie) = await StartInstallAsync(host);
        Assert.Equal(HttpStatusCode.BadRequest, (await CallbackAsync(host, state, cookie: null)).StatusCode);          // another browser
        Assert.Equal(HttpStatusCode.BadRequest, (await CallbackAsync(host, "0badc0de", cookie)).StatusCode);          // forged state
        Assert.Equal(HttpStatusCode.OK, (await CallbackAsync(host, state, cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await CallbackAsync(host, state, cookie, "code-2")).StatusCode);    // replay
        Assert.Single(host.Slack.Of("oauth.v2.access"));
        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<Installation>().CountAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("/slack/oauth/callback?error=access_denied&state=x", TestContext.Current.CancellationToken)).StatusCode);
    }
}
