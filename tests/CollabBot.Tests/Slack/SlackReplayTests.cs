using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Kudos;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

// A signed request copied off the wire and sent again inside Slack's five-minute window (same
// body, timestamp and signature) verifies again; it must change nothing the second time.
// Commands and interactions are claimed by their signature; events by their event_id.
public sealed class SlackReplayTests
{
    private static string KudosCommand(string trigger) => SlackHost.Form(("team_id", "T0ACME"), ("team_domain", "acme"), ("channel_id", "C0SALES"),
        ("channel_name", "sales"), ("user_id", "U0BEN"), ("user_name", "ben"), ("command", "/collab"), ("text", "kudos <@U0ANA|ana> thanks for the deck"),
        ("response_url", "https://hooks.slack.example/commands/1"), ("trigger_id", trigger));

    private static string KudosSubmission => SlackKudosWire.Submission("Thanks for sharing the deck").ToJsonString();

    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task A_replayed_command_is_answered_harmlessly_and_stored_once()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "help");   // installs, with the roster
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = KudosCommand("trig-replay");

        var first = await host.PostSignedAsync("/slack/commands", body, Form, ts);
        Assert.Contains("Kudos sent", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var replay = await host.PostSignedAsync("/slack/commands", body, Form, ts);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.DoesNotContain("Kudos", await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // The same signature written in capitals is the same signed request.
        var recased = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, System.Text.Encoding.UTF8, Form) };
        recased.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        recased.Headers.Add("X-Slack-Signature", "v0=" + CollabBot.Slack.Wire.SlackSignature.Sign(SlackHost.Secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Encoding.UTF8.GetBytes(body))[3..].ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(recased, TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync()));
        // A new command (its own trigger, so its own signature) in the same second is no replay.
        Assert.Contains("Kudos sent", await (await host.PostSignedAsync("/slack/commands", KudosCommand("trig-next"), Form, ts)).Content
            .ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await host.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync()));
    }

    [Fact]
    public async Task A_replayed_interaction_is_applied_once()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "help");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = SlackHost.Form(("payload", KudosSubmission));

        Assert.Contains("Kudos sent", await (await host.PostSignedAsync("/slack/interactions", body, Form, ts)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await host.PostSignedAsync("/slack/interactions", body, Form, ts)).StatusCode);

        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync()));
    }

    [Fact]
    public async Task A_command_replayed_to_another_host_on_one_postgres_database_is_applied_once()
    {
        var server = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            Assert.Skip($"PostgreSQL case skipped: set {TestDatabase.PostgresVariable} to a server connection string (.ci/run starts a private cluster and sets it).");
        var database = $"{server};Database=collabbot_t_{Guid.NewGuid():N}";
        void OneDatabase(Dictionary<string, string?> s)
        {
            s["Storage:Provider"] = "Postgres";
            s["Storage:ConnectionString"] = database;
            s["Privacy:PseudonymKey"] = TestDatabase.TestPseudonymKey;
        }
        await using var first = await SlackHost.StartAsync(configure: OneDatabase);
        await using var second = await SlackHost.StartAsync(configure: OneDatabase);
        await first.CommandAsync("U0MAYA", "help");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var command = KudosCommand("trig-pg");
        var submission = SlackHost.Form(("payload", KudosSubmission));

        Assert.Equal(HttpStatusCode.OK, (await first.PostSignedAsync("/slack/commands", command, Form, ts)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostSignedAsync("/slack/commands", command, Form, ts)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostSignedAsync("/slack/interactions", submission, Form, ts)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.PostSignedAsync("/slack/interactions", submission, Form, ts)).StatusCode);

        Assert.Equal(2, await first.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync()));
    }
}
