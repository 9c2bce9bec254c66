using System.Globalization;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Privacy;
using CollabBot.Core.Features.Pulse;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

// A person on the Slack wire: opens the pulse modal from the card's button and submits it,
// runs commands, confirms `forget me` — each a signed request through the real pipeline.
internal static class SlackPulseWire
{
    public static async Task<JsonObject> JsonOf(HttpResponseMessage r) =>
        JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();

    public static async Task<string> SayAsync(SlackHost host, string user, string text) =>
        (await JsonOf(await host.CommandAsync(user, text))).ToJsonString();

    // Adds people to #sales as Slack knows them; they join the team when they first speak there.
    public static void AddPeople(SlackHost host, params string[] ids)
    {
        foreach (var id in ids)
        {
            host.Slack.Users[id] = (id[2..], "en-US");
            host.Slack.ChannelMembers.Add(id);
        }
    }

    public static Task<long> OpenRoundAsync(SlackHost host) =>
        host.QueryAsync(db => db.Unscoped<PulseRound>().Where(r => r.ClosedAt == null).Select(r => r.Id).SingleAsync());

    // Opens the modal and submits every question with the same value; returns the modal's answer text.
    public static async Task<string> AnswerAsync(SlackHost host, string user, long round, int value, string? comment = null)
    {
        var before = host.Slack.Of("views.open").Count();
        await host.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T0ACME" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["trigger_id"] = $"trig-{Guid.NewGuid():N}",
            ["channel"] = new JsonObject { ["id"] = "C0SALES" },
            ["response_url"] = host.Slack.BaseUrl + "/api/response_url",
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = PulseActions.Open, ["value"] = $"r={round}", ["type"] = "button" }),
        }.ToJsonString());
        var opened = host.Slack.Of("views.open").ToList();
        if (opened.Count == before) return "no form";   // refused: answered or closed (said in a message)
        var view = opened[^1].Json["view"]!.AsObject();
        var values = new JsonObject();
        foreach (var block in view["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input"))
        {
            var id = block!["block_id"]!.GetValue<string>();
            values[id] = block["element"]!["type"]!.GetValue<string>() == "radio_buttons"
                ? new JsonObject { [id] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = value.ToString(CultureInfo.InvariantCulture) } } }
                : new JsonObject { [id] = new JsonObject { ["type"] = "plain_text_input", ["value"] = comment } };
        }
        var done = await host.InteractionAsync(new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = user },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = PulseActions.Submit,
                ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Weekly pulse" },
                ["state"] = new JsonObject { ["values"] = values },
            },
        }.ToJsonString());
        return await done.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    // `forget me`, then the confirmation button as Slack sends its click.
    public static async Task ForgetAsync(SlackHost host, string user)
    {
        var confirm = await JsonOf(await host.CommandAsync(user, "forget me"));
        var button = confirm["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? [])
            .Single(e => e!["action_id"]?.GetValue<string>() == PrivacyActions.Forget)!;
        var click = await host.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T0ACME" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["trigger_id"] = "trig-forget",
            ["channel"] = new JsonObject { ["id"] = "C0SALES" },
            ["response_url"] = host.Slack.BaseUrl + "/api/response_url",
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = PrivacyActions.Forget, ["value"] = button["value"]?.GetValue<string>() ?? "", ["type"] = "button" }),
        }.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.OK, click.StatusCode);
    }
}
