using System.Text.Json.Nodes;
using CollabBot.Core.Features.Kudos;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

public sealed class SlackShortcutTests
{
    [Fact]
    public async Task Give_kudos_for_this_message_opens_a_form_for_its_author_and_records_the_kudos()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "help");                                    // installs, with the roster
        var shortcut = await host.InteractionAsync(new JsonObject
        {
            ["type"] = "message_action",
            ["callback_id"] = "kudos.compose",
            ["trigger_id"] = "trig-k",
            ["user"] = new JsonObject { ["id"] = "U0BEN" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["channel"] = new JsonObject { ["id"] = "C0SALES" },
            ["message"] = new JsonObject { ["user"] = "U0ANA", ["text"] = "Deck is in the drive" },
            ["response_url"] = host.Slack.BaseUrl + "/api/response_url",
        }.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.OK, shortcut.StatusCode);
        var view = host.Slack.Of("views.open").Single().Json["view"]!.AsObject();
        Assert.Equal(KudosActions.Submit, view["callback_id"]!.GetValue<string>());
        var state = CollabBot.Slack.Wire.ActionValue.Decode(view["private_metadata"]!.GetValue<string>());
        Assert.Equal("U0ANA", state["to"]);
        Assert.True(state.ContainsKey("t"), "the form remembers its team");

        var submitted = await host.InteractionAsync(SlackKudosWire.Submission("Thanks for sharing the deck", value: "learning").ToJsonString());
        Assert.Contains("Kudos sent to <@U0ANA>", await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var kudos = await host.QueryAsync(db => db.Unscoped<KudosPost>().Include(k => k.Receivers).SingleAsync());
        Assert.Equal(("learning", "Thanks for sharing the deck"), (kudos.Value, kudos.Message));
    }

    [Fact]
    public async Task A_closed_modal_and_unknown_payload_types_are_acknowledged_and_ignored()
    {
        await using var host = await SlackHost.StartAsync();
        foreach (var type in new[] { "view_closed", "block_suggestion", "shortcut" })
        {
            var r = await host.InteractionAsync(new JsonObject { ["type"] = type, ["user"] = new JsonObject { ["id"] = "U0BEN" }, ["team"] = new JsonObject { ["id"] = "T0ACME" } }.ToJsonString());
            Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
        }
        Assert.Empty(host.Slack.Calls);
    }
}
