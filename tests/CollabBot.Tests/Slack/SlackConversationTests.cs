using System.Globalization;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

// Whole flows as Slack sends them: signed slash commands, block actions and modal submissions.
public sealed class SlackConversationTests
{
    private static async Task<JsonObject> Json(HttpResponseMessage r) =>
        JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();

    private static async Task<SlackHost> InstalledAsync()
    {
        var host = await SlackHost.StartAsync();
        var help = await Json(await host.CommandAsync("U0MAYA", "help"));            // Maya's first command installs the app
        Assert.Equal("ephemeral", help["response_type"]!.GetValue<string>());
        return host;
    }

    [Fact]
    public async Task The_first_command_installs_the_workspace_with_the_channel_roster_and_the_bot_left_out()
    {
        await using var host = await InstalledAsync();
        var members = await host.QueryAsync(db => db.Unscoped<Member>().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["U0MAYA", "U0ANA", "U0BEN"], members.Select(m => m.PlatformUserId));
        Assert.True(members[0].IsAdmin);
        Assert.Equal("Ana", members[1].DisplayName);
        Assert.All(host.Slack.Of("users.info"), c => Assert.Equal("Bearer " + FakeSlack.Token, c.Authorization));
    }

    [Fact]
    public async Task Slash_kudos_replies_privately_and_queues_the_celebration()
    {
        await using var host = await InstalledAsync();
        var reply = await Json(await host.CommandAsync("U0BEN", "kudos <@U0ANA|ana> #teamwork great demo"));
        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        Assert.Contains("Kudos sent to <@U0ANA>", reply["text"]!.GetValue<string>());
        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync()));
        var outbox = await host.QueryAsync(db => db.Unscoped<OutboxMessage>().SingleAsync(m => !m.IdempotencyKey.StartsWith("setup:")));
        Assert.Equal("C0SALES", outbox.Target);
    }

    [Fact]
    public async Task A_malformed_command_gets_usage_and_a_chinese_speaker_gets_chinese()
    {
        await using var host = await InstalledAsync();
        Assert.Contains("Usage: kudos", (await Json(await host.CommandAsync("U0BEN", "kudos")))["text"]!.GetValue<string>());
        host.Slack.ChannelMembers.Add("U0LI");
        Assert.Contains("用法", (await Json(await host.CommandAsync("U0LI", "kudos")))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pulse_is_answered_in_a_modal_with_errors_shown_on_the_right_fields()
    {
        await using var host = await InstalledAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        var roundId = (await host.QueryAsync(db => db.Unscoped<PulseRound>().SingleAsync())).Id;

        var click = await host.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ANA", ["team_id"] = "T0ACME" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["trigger_id"] = "trig-1",
            ["channel"] = new JsonObject { ["id"] = "C0SALES" },
            ["response_url"] = host.Slack.BaseUrl + "/api/response_url",
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = PulseActions.Open, ["value"] = $"r={roundId}", ["type"] = "button" }),
        }.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.OK, click.StatusCode);
        var open = host.Slack.Of("views.open").Single().Json;
        Assert.Equal("trig-1", open["trigger_id"]!.GetValue<string>());
        var view = open["view"]!.AsObject();
        Assert.Equal(PulseActions.Submit, view["callback_id"]!.GetValue<string>());
        var questions = view["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input" && b["element"]!["type"]!.GetValue<string>() == "radio_buttons")
            .Select(b => b!["block_id"]!.GetValue<string>()).ToList();
        Assert.Equal(7, questions.Count);

        JsonObject Submission(IEnumerable<string> answered) => new()
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = "U0ANA" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = PulseActions.Submit,
                ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Weekly pulse" },
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject([.. answered.Select(q => new KeyValuePair<string, JsonNode?>(q, new JsonObject
                        { [q] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = "4" } } }))]),
                },
            },
        };
        var errors = await Json(await host.InteractionAsync(Submission(questions.Take(5)).ToJsonString()));
        Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
        Assert.Equal(questions.Skip(5).Order(), errors["errors"]!.AsObject().Select(kv => kv.Key).Order());
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));

        var done = await Json(await host.InteractionAsync(Submission(questions).ToJsonString()));
        Assert.Equal("update", done["response_action"]!.GetValue<string>());
        Assert.Contains("anonymously", done["view"]!.ToJsonString());
        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));
    }

    [Fact]
    public async Task A_slack_error_answer_is_typed_and_does_not_become_a_500()
    {
        await using var host = await InstalledAsync();
        host.Slack.NextError("views.open", "expired_trigger_id");
        var response = await host.CommandAsync("U0ANA", "forget me");              // a card, not a form: no views.open
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await host.CommandAsync("U0ANA", "goal add Pipeline target 100");
        var checkin = await Json(await host.CommandAsync("U0ANA", "checkin"));       // views.open answers ok:false
        Assert.Contains("Something went wrong", checkin["text"]!.GetValue<string>());
        Assert.Single(host.Slack.Of("views.open"));
    }

    [Fact]
    public async Task Export_me_arrives_as_a_file_in_the_users_direct_messages()
    {
        await using var host = await InstalledAsync();
        await host.CommandAsync("U0ANA", "goal add Pipeline target 100");
        var reply = await Json(await host.CommandAsync("U0ANA", "export me"));
        Assert.Contains("copy of your data", reply["text"]!.GetValue<string>());
        Assert.Equal("U0ANA", host.Slack.Of("conversations.open").Single().Json["users"]!.GetValue<string>());
        // The file methods take form fields, not JSON.
        var upload = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(host.Slack.Of("files.getUploadURLExternal").Single().Body);
        Assert.StartsWith("collabbot-my-data-", upload["filename"].ToString());
        Assert.True(int.Parse(upload["length"].ToString(), CultureInfo.InvariantCulture) > 0);
        var complete = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(host.Slack.Of("files.completeUploadExternal").Single().Body);
        Assert.Equal("D0ANA", complete["channel_id"].ToString());
        Assert.Equal("F0FILE", JsonNode.Parse(complete["files"].ToString())![0]!["id"]!.GetValue<string>());
    }
}
