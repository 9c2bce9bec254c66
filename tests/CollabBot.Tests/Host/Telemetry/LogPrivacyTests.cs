using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Tests.Host.Telemetry;

// DESIGN: no log line contains an answer or a comment; nor may one hold a token or secret.
// The host logs at Trace in every category while it installs into Slack (OAuth) and Teams,
// takes a pulse answer with a comment, kudos with a message on both platforms, delivers the
// outbox (fetching a Teams token), and serves a signed digest link. Then no entry — message,
// structured value, scope or exception — may hold any of those private strings.
public sealed class LogPrivacyTests
{
    private const string ClientSecret = "client-secret-LEAK0";
    private const string OAuthCode = "oauth-code-LEAK1";
    private const string PulseComment = "PULSE-COMMENT-LEAK2";
    private const string KudosMessage = "KUDOS-MESSAGE-LEAK3";
    private const string TeamsKudosMessage = "TEAMS-KUDOS-LEAK4";
    private static readonly string[] TracedCategories = ["Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http", "Hangfire"];

    [Fact]
    public async Task Nothing_private_reaches_the_logs_even_at_trace_level()
    {
        var ct = TestContext.Current.CancellationToken;
        var capture = new LogCapture();
        await using var host = await ObservedHost.StartAsync(s =>
        {
            s.Remove("Slack:BotToken");
            s["Slack:ClientId"] = "111.222";
            s["Slack:ClientSecret"] = ClientSecret;
            foreach (var category in TracedCategories)
                s[$"Logging:LogLevel:{category}"] = "Trace";
        }, capture);
        var secrets = new List<string> { SlackHost.Secret, ClientSecret, OAuthCode, FakeSlack.Token, PulseComment, KudosMessage, TeamsKudosMessage,
            FakeConnector.AppPassword, "fake-bot-token-" };

        // Slack: OAuth install, a pulse answered with a comment, kudos with a message.
        var page = await host.Client.GetAsync("/slack/install", ct);
        var state = Regex.Match(await page.Content.ReadAsStringAsync(ct), "state=([0-9a-f]+)").Groups[1].Value;
        secrets.Add(state);
        var callback = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code={OAuthCode}&state={state}");
        callback.Headers.Add("Cookie", page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("collabbot_slack_state=", StringComparison.Ordinal)).Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(callback, ct)).StatusCode);

        // Maya adds the bot to the sales channel: the channel becomes a team.
        Assert.Equal(HttpStatusCode.OK, (await host.SlackEventAsync(new JsonObject
        {
            ["team_id"] = "T0ACME",
            ["api_app_id"] = "A0APP",
            ["type"] = "event_callback",
            ["event_id"] = "Ev-join",
            ["event_time"] = 1764000000,
            ["event"] = new JsonObject { ["type"] = "member_joined_channel", ["user"] = "UBOT", ["channel"] = "C0SALES", ["team"] = "T0ACME", ["inviter"] = "U0MAYA" },
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T0ACME", ["user_id"] = "UBOT", ["is_bot"] = true }),
        }.ToJsonString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SlackCommandAsync("U0MAYA", "pulse now")).StatusCode);
        var round = await QueryAsync(host, db => db.Unscoped<PulseRound>().SingleAsync());
        await host.SlackInteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ANA", ["team_id"] = "T0ACME" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["trigger_id"] = "trig-1",
            ["channel"] = new JsonObject { ["id"] = "C0SALES" },
            ["response_url"] = host.Slack.BaseUrl + "/api/response_url",
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = PulseActions.Open, ["value"] = $"r={round.Id}", ["type"] = "button" }),
        }.ToJsonString());
        var view = host.Slack.Of("views.open").Single().Json["view"]!.AsObject();
        var values = new JsonObject
        {
            [PulseActions.Comment] = new JsonObject { [PulseActions.Comment] = new JsonObject { ["type"] = "plain_text_input", ["value"] = PulseComment } },
        };
        foreach (var q in view["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input" && b["element"]!["type"]!.GetValue<string>() == "radio_buttons"))
        {
            var id = q!["block_id"]!.GetValue<string>();
            values[id] = new JsonObject { [id] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = "2" } } };
        }
        var answered = await host.SlackInteractionAsync(new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = "U0ANA" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = PulseActions.Submit,
                ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Weekly pulse" },
                ["state"] = new JsonObject { ["values"] = values },
            },
        }.ToJsonString());
        Assert.Contains("\"update\"", await answered.Content.ReadAsStringAsync(ct));
        secrets.Add((await QueryAsync(host, db => db.Unscoped<PulseAnswerMark>().SingleAsync())).Mark);
        Assert.Equal(HttpStatusCode.OK, (await host.SlackCommandAsync("U0MAYA", "pulse close")).StatusCode);
        var response = await QueryAsync(host, db => db.Unscoped<PulseResponse>().SingleAsync());
        Assert.Equal(PulseComment, response.Comment);
        secrets.Add(response.Respondent);
        Assert.Equal(HttpStatusCode.OK, (await host.SlackCommandAsync("U0BEN", $"kudos <@U0ANA|ana> #teamwork {KudosMessage}")).StatusCode);

        // Teams: installed into a team, kudos with a message; every inbound token is a secret too.
        var bearer = host.TeamsBearer();
        secrets.Add(bearer["Bearer ".Length..]);
        var install = Activity(host, "conversationUpdate", "29:1maya", null);
        install["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Bot });
        install["channelData"]!["eventType"] = "teamMemberAdded";
        Assert.Equal(HttpStatusCode.OK, (await host.TeamsPostAsync(install.ToJsonString(), bearer)).StatusCode);
        var kudos = Activity(host, "message", "29:1ben", $"<at>CollabBot</at> kudos <at>Ana</at> {TeamsKudosMessage}");
        kudos["entities"] = new JsonArray(
            new JsonObject { ["type"] = "mention", ["text"] = "<at>CollabBot</at>", ["mentioned"] = new JsonObject { ["id"] = Bot, ["name"] = "CollabBot" } },
            new JsonObject { ["type"] = "mention", ["text"] = "<at>Ana</at>", ["mentioned"] = new JsonObject { ["id"] = "29:1ana", ["name"] = "Ana" } });
        Assert.Equal(HttpStatusCode.OK, (await host.TeamsPostAsync(kudos.ToJsonString(), bearer)).StatusCode);

        // The outbox goes out on both platforms: Slack with the stored token, Teams with a fetched one.
        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(ct);
        var outbox = await QueryAsync(host, db => db.Unscoped<OutboxMessage>().ToListAsync());
        Assert.Contains(outbox, m => m.PayloadJson.Contains(KudosMessage) && m.Status == OutboxStatus.Sent);
        Assert.Contains(outbox, m => m.PayloadJson.Contains(TeamsKudosMessage) && m.Status == OutboxStatus.Sent);
        Assert.NotEmpty(host.Connector.TokenRequests);

        // A signed digest link, opened.
        var team = await QueryAsync(host, db => db.Unscoped<Team>().SingleAsync(t => t.Workspace!.Platform == Platform.Slack));
        // The team existed last week (no digest is made for a week before the team).
        await QueryAsync(host, db => db.Unscoped<Team>().Where(t => t.Id == team.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow.AddDays(-15))));
        Assert.NotNull(await host.Services.GetRequiredService<DigestJobs>().WeeklyAsync(team.Id, ct));
        var week = await QueryAsync(host, db => db.Unscoped<DigestSnapshot>().Where(s => s.TeamId == team.Id).Select(s => s.Week).SingleAsync());
        var link = new Uri(host.Services.GetRequiredService<IDigestLinks>().For(team.Id, week).PageUrl);
        secrets.Add(Regex.Match(link.Query, "sig=([^&]+)").Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(link.PathAndQuery, ct)).StatusCode);

        await host.DisposeAsync();
        var entries = capture.Entries.ToList();
        // The capture saw the chatty categories at their lowest levels, so silence below is real.
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal) && e.Level <= LogLevel.Debug);
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level == LogLevel.Trace);
        Assert.Contains(entries, e => e.Category.StartsWith("CollabBot", StringComparison.Ordinal));
        var leaks = entries.SelectMany(e => e.Texts().SelectMany(text => secrets.Where(s => text.Contains(s, StringComparison.Ordinal))
            .Select(s => $"{s} in {e.Category} ({e.Level}): {text[..Math.Min(text.Length, 300)]}"))).Distinct().ToList();
        Assert.True(leaks.Count == 0, "Private strings in the logs:\n" + string.Join("\n", leaks));
    }

    private const string Bot = "28:" + FakeConnector.AppId;

    private static JsonObject Activity(ObservedHost host, string type, string user, string? text)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"f:{Guid.NewGuid():N}",
            ["channelId"] = "msteams",
            ["serviceUrl"] = host.Connector.ServiceUrl,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = user, ["name"] = TeamsHost.NameOf(user), ["aadObjectId"] = Guid.NewGuid().ToString() },
            ["recipient"] = new JsonObject { ["id"] = Bot, ["name"] = "CollabBot" },
            ["conversation"] = new JsonObject { ["id"] = TeamsHost.Channel + ";messageid=1", ["conversationType"] = "channel", ["tenantId"] = TeamsHost.Tenant },
            ["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = TeamsHost.Tenant },
                ["team"] = new JsonObject { ["id"] = TeamsHost.TeamId, ["name"] = "Sales" },
                ["channel"] = new JsonObject { ["id"] = TeamsHost.Channel },
            },
        };
        if (text is not null) activity["text"] = text;
        return activity;
    }

    private static async Task<T> QueryAsync<T>(ObservedHost host, Func<CollabDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabDbContext>());
    }
}
