using System.Globalization;
using System.Net;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Slack.Web;
using CollabBot.Teams.Web;
using CollabBot.Tests.Host.Fuzz;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Host;

// A bounded, seeded run of tests/scripts/fuzz.sh's generator through the real pipeline: one
// host serving Slack and Teams, installed on both with an open pulse each, so mutated requests
// behind a valid signature or token reach every parser. The same seeds run every time; a
// longer run with new seeds goes against a real host process (tests/scripts/fuzz.sh).
public sealed class FuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Bad_input_at_every_endpoint_never_gets_a_5xx_and_a_refused_request_stores_nothing(int seed)
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = await TeamsHost.StartAsync(s =>
        {
            s["Slack:SigningSecret"] = SlackHost.Secret;
            s["Slack:BotToken"] = FakeSlack.Token;
            s["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
        });
        var targets = await InstallBothAsync(host, slack);
        var runner = new FuzzRunner(host.Client, SlackHost.Secret, () => host.Bearer(),
            () => FuzzRunner.SqliteRowCountsAsync(Path.Combine(host.DataDirectory, "collabbot.db")));

        var report = await runner.RunAsync(new FuzzCases(targets, SlackRequest.MaxBodyBytes, TeamsEndpoint.MaxBodyBytes, nulInPath: false), seed, 400,
            TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(FuzzRunner.Describe(report, seed));
        Assert.True(report.Findings.Count == 0, FuzzRunner.Describe(report, seed));
        // The run reached the handlers, not only the gates.
        Assert.True(report.Statuses.GetValueOrDefault(200) > 50, FuzzRunner.Describe(report, seed));
        Assert.True(report.Refused > 50, FuzzRunner.Describe(report, seed));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);
    }

    // Slack: the first command installs the workspace with the channel's roster; Teams: the bot
    // is added to the Sales team. Then a pulse opens on each.
    private static async Task<FuzzTargets> InstallBothAsync(TeamsHost host, FakeSlack slack)
    {
        async Task Slack(string user, string text)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands");
            var body = SlackHost.Form(("team_id", "T0ACME"), ("channel_id", "C0SALES"), ("user_id", user), ("command", "/collab"), ("text", text));
            var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
            request.Headers.Add("X-Slack-Request-Timestamp", ts);
            request.Headers.Add("X-Slack-Signature", CollabBot.Slack.Wire.SlackSignature.Sign(SlackHost.Secret, ts, System.Text.Encoding.UTF8.GetBytes(body)));
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
        }
        await Slack("U0MAYA", "help");
        await Slack("U0MAYA", "pulse now");
        await CollabBot.Tests.Teams.TeamsEndpointTests.InstallAsync(host);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Command("29:1maya", "pulse now"))).StatusCode);
        var rounds = await CollabBot.Tests.Teams.TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<PulseRound>().Select(r => new { r.Id, r.TeamId }).ToListAsync());
        Assert.Equal(2, rounds.Count);
        return new FuzzTargets("T0ACME", "C0SALES", ["U0MAYA", "U0ANA", "U0BEN"], "UBOT", slack.BaseUrl + "/api/response_url",
            TeamsHost.Tenant, TeamsHost.Channel, ["29:1maya", "29:1ana", "29:1ben"], TeamsHost.Bot, host.Connector.ServiceUrl,
            [.. rounds.Select(r => (r.Id, r.TeamId))], []);
    }
}
