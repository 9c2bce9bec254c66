using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// Invokes are answered in the HTTP response: dialogs (task/fetch, task/submit) and
// Universal Actions (adaptiveCard/action).
public sealed class TeamsInvokeTests
{
    private static async Task<JsonObject> InvokeAsync(TeamsHost host, string user, string name, JsonObject value, string conversationType = "channel")
    {
        var response = await host.PostAsync(host.Invoke(user, name, value, conversationType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    // The pulse card's "Answer" button, as the outbox holds it for the channel.
    private static async Task<CardAction> PulseButtonAsync(TeamsHost host)
    {
        await TeamsEndpointTests.InstallAsync(host);
        await host.PostAsync(host.Command("29:1maya", "pulse now"));
        var post = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().SingleAsync(m => m.Kind == Outbox.Post && m.IdempotencyKey.StartsWith("pulse:")));
        var button = CollabJson.Deserialize<Card>(post.PayloadJson).Body.OfType<ActionRow>().Single().Actions.Single();
        Assert.True(button.OpensForm);
        return button;
    }

    private static JsonObject Data(string verb, IReadOnlyDictionary<string, string> values)
    {
        var data = new JsonObject { ["verb"] = verb };
        foreach (var (k, v) in values) data[k] = v;
        return data;
    }

    [Fact]
    public async Task The_pulse_opens_as_a_dialog_keeps_what_was_entered_on_an_error_and_closes_with_thanks()
    {
        await using var host = await TeamsHost.StartAsync();
        var button = await PulseButtonAsync(host);
        var fetch = Data(button.ActionId, button.Payload!);
        fetch["msteams"] = new JsonObject { ["type"] = "task/fetch" };

        var dialog = await InvokeAsync(host, "29:1ana", "task/fetch", new JsonObject { ["data"] = fetch });
        Assert.Equal("continue", dialog["task"]!["type"]!.GetValue<string>());
        var card = dialog["task"]!["value"]!["card"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        var inputs = card["content"]!.ToJsonString();
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Count(inputs, "Input.ChoiceSet"));
        var submit = (JsonObject)JsonNode.Parse(card["content"]!.ToJsonString())!["actions"]!.AsArray().Last()!["data"]!;
        var keys = System.Text.RegularExpressions.Regex.Matches(inputs, "\"id\":\"([a-z]+\\.[a-z])\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(7, keys.Count);

        var partial = submit.DeepClone().AsObject();
        partial[keys[0]] = "4";
        var again = await InvokeAsync(host, "29:1ana", "task/submit", new JsonObject { ["data"] = partial });
        Assert.Equal("continue", again["task"]!["type"]!.GetValue<string>());
        var shownAgain = again["task"]!["value"]!["card"]!["content"]!.ToJsonString();
        Assert.Contains("\"value\":\"4\"", shownAgain);
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<PulseSealedAnswer>().CountAsync()));

        var full = submit.DeepClone().AsObject();
        foreach (var k in keys) full[k] = "4";
        var done = await InvokeAsync(host, "29:1ana", "task/submit", new JsonObject { ["data"] = full });
        Assert.Equal("message", done["task"]!["type"]!.GetValue<string>());
        Assert.Contains("anonymously", done["task"]!["value"]!.GetValue<string>());
        Assert.Equal(1, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<PulseSealedAnswer>().CountAsync()));
    }

    [Fact]
    public async Task The_pulse_card_in_the_channel_refreshes_per_viewer_and_shows_answered_to_those_who_answered()
    {
        await using var host = await TeamsHost.StartAsync();
        var button = await PulseButtonAsync(host);
        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);
        var posted = JsonNode.Parse(host.Sent().Last(c => c.Body.Contains("refresh")).Body)!;
        var refresh = posted["attachments"]![0]!["content"]!["refresh"]!;
        Assert.Equal("pulse.view", refresh["action"]!["verb"]!.GetValue<string>());
        var viewers = refresh["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).ToList();
        Assert.Equal(["29:1ana", "29:1ben", "29:1li", "29:1maya"], viewers.Order());   // the team, not who answered

        var view = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "pulse.view",
                ["data"] = JsonNode.Parse(refresh["action"]!["data"]!.ToJsonString())
            },
            ["trigger"] = "automatic"
        };
        var before = (await InvokeAsync(host, "29:1ana", "adaptiveCard/action", view.DeepClone().AsObject()))["value"]!.ToJsonString();
        Assert.Contains("task/fetch", before);                                            // Ana still sees "Answer privately"

        var fetch = Data(button.ActionId, button.Payload!);
        var dialog = await InvokeAsync(host, "29:1ana", "task/fetch", new JsonObject { ["data"] = fetch });
        var content = dialog["task"]!["value"]!["card"]!["content"]!;
        var submit = content["actions"]!.AsArray().Last()!["data"]!.DeepClone().AsObject();
        foreach (var m in System.Text.RegularExpressions.Regex.Matches(content.ToJsonString(), "\"id\":\"([a-z]+\\.[a-z])\"").Select(m => m.Groups[1].Value).Distinct())
            submit[m] = "5";
        await InvokeAsync(host, "29:1ana", "task/submit", new JsonObject { ["data"] = submit });

        var after = await InvokeAsync(host, "29:1ana", "adaptiveCard/action", view.DeepClone().AsObject());
        Assert.Contains("already answered", after["value"]!.ToJsonString());
        Assert.DoesNotContain("task/fetch", after["value"]!.ToJsonString());
        Assert.Equal(["29:1ana"], after["value"]!["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Contains("task/fetch", (await InvokeAsync(host, "29:1ben", "adaptiveCard/action", view.DeepClone().AsObject()))["value"]!.ToJsonString());
    }

    [Fact]
    public async Task A_Universal_Action_is_answered_with_the_updated_card()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        await host.PostAsync(host.Activity("message", "29:1ana", "personal", "forget me"));
        Assert.Contains("Action.Execute", TeamsEndpointTests.TextsOf(host.Sent()));

        var result = await InvokeAsync(host, "29:1ana", "adaptiveCard/action",
            new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "privacy.forget", ["data"] = new JsonObject() }, ["trigger"] = "manual" },
            "personal");
        Assert.Equal(200, result["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", result["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", result["value"]!["type"]!.GetValue<string>());
        Assert.False(await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<CollabBot.Core.Storage.Member>().AnyAsync(m => m.PlatformUserId == "29:1ana" && m.Active)));
    }

    [Fact]
    public async Task An_action_without_a_verb_is_a_400_inside_the_invoke_response()
    {
        await using var host = await TeamsHost.StartAsync();
        var result = await InvokeAsync(host, "29:1ana", "adaptiveCard/action", new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute" } });
        Assert.Equal(400, result["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", result["type"]!.GetValue<string>());
    }
}
