using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Teams;

// A client that cannot open dialogs (the Agents Playground) sends a dialog button as a plain
// Action.Submit message: the form comes inline in the 1:1 chat, is submitted with Action.Execute
// through the same handler as a dialog, and the answer replaces the form.
public sealed class TeamsInlineFormTests
{
    private static async Task<JsonObject> InvokeAsync(TeamsHost host, JsonObject activity)
    {
        var response = await host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    // The dialog button clicked in a client without dialogs: a message whose value is the button's data.
    private static async Task ClickWithoutDialogAsync(TeamsHost host, string user, string conversationType, CardAction button)
    {
        var click = host.Activity("message", user, conversationType);
        var value = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "task/fetch" }, ["verb"] = button.ActionId };
        foreach (var (k, v) in button.Payload ?? new Dictionary<string, string>()) value[k] = v;
        click["value"] = value;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(click)).StatusCode);
    }

    // The inline form the bot posted last: where it went and its Action.Execute submit.
    private static (string Path, JsonObject Card, JsonObject Submit) InlineForm(TeamsHost host, string verb)
    {
        var post = host.Sent().Last(c => c.Body.Contains($"\"verb\":\"{verb}\"", StringComparison.Ordinal));
        var card = post.Json["attachments"]![0]!["content"]!.AsObject();
        var submit = card["actions"]!.AsArray().Single()!.AsObject();
        Assert.Equal("Action.Execute", (string?)submit["type"]);
        return (post.Path, card, submit);
    }

    private static JsonObject Execute(TeamsHost host, string user, JsonObject submit, IReadOnlyDictionary<string, string> inputs, string conversationType = "personal")
    {
        var data = submit["data"]!.DeepClone().AsObject();
        foreach (var (k, v) in inputs) data[k] = v;
        return host.Invoke(user, "adaptiveCard/action", new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = (string?)submit["verb"], ["data"] = data },
            ["trigger"] = "manual",
        }, conversationType);
    }

    private static async Task<CardAction> PulseButtonAsync(TeamsHost host)
    {
        await TeamsEndpointTests.InstallAsync(host);
        await host.PostAsync(host.Command("29:1maya", "pulse now"));
        var post = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().SingleAsync(m => m.Kind == Outbox.Post && m.IdempotencyKey.StartsWith("pulse:")));
        return CollabJson.Deserialize<Card>(post.PayloadJson).Body.OfType<ActionRow>().Single().Actions.Single();
    }

    private static Task<int> SealedAsync(TeamsHost host) => TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<PulseSealedAnswer>().CountAsync());

    [Fact]
    public async Task The_pulse_answered_inline_in_the_1to1_chat_shows_errors_in_the_card_then_the_thanks_once()
    {
        await using var host = await TeamsHost.StartAsync();
        var button = await PulseButtonAsync(host);
        var sentBefore = host.Sent().Count;

        await ClickWithoutDialogAsync(host, "29:1ana", "channel", button);
        var (path, card, submit) = InlineForm(host, PulseActions.Submit);
        Assert.Contains("a:fake-1on1-", path);                                               // the 1:1 chat, not the channel
        Assert.DoesNotContain(host.Sent().Skip(sentBefore), c => c.Path.Contains("sales", StringComparison.Ordinal));
        var keys = card["body"]!.AsArray().Where(e => (string?)e!["type"] == "Input.ChoiceSet").Select(e => (string)e!["id"]!).ToList();
        Assert.Equal(7, keys.Count);

        var partial = await InvokeAsync(host, Execute(host, "29:1ana", submit, new Dictionary<string, string> { [keys[0]] = "4" }));
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)partial["type"]);
        var errorCard = partial["value"]!.ToJsonString();
        Assert.Contains("\"value\":\"4\"", errorCard);                                      // what was entered stays
        Assert.Contains("\"color\":\"attention\"", errorCard);
        Assert.Equal(0, await SealedAsync(host));

        var all = keys.ToDictionary(k => k, _ => "4");
        var answer = Execute(host, "29:1ana", submit, all);
        var done = await InvokeAsync(host, answer);
        Assert.Equal(200, (int?)done["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)done["type"]);
        var thanks = done["value"]!.ToJsonString();
        Assert.Contains("Weekly pulse", thanks);
        Assert.Contains("anonymously", thanks);
        Assert.DoesNotContain("Input.", thanks);                                             // the form is gone: it cannot be sent again
        Assert.Equal(1, await SealedAsync(host));

        var retried = await InvokeAsync(host, answer);                                       // the Connector's retry of the same activity
        Assert.Equal(done.ToJsonString(), retried.ToJsonString());
        var again = await InvokeAsync(host, Execute(host, "29:1ana", submit, all));          // a second, separate submit
        Assert.Contains("already answered", again["value"]!.ToJsonString());
        Assert.Equal(1, await SealedAsync(host));
    }

    [Fact]
    public async Task A_check_in_answered_inline_shows_errors_in_the_card_then_the_saved_check_in_once()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        await host.PostAsync(host.Command("29:1ana", "goal add Pipeline won target 100"));
        var goal = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Goal>().SingleAsync());
        var prompt = new CardAction(GoalActions.CheckInOpen, "Check in", new Dictionary<string, string> { ["t"] = goal.TeamId.ToString(CultureInfo.InvariantCulture) }, OpensForm: true);

        await ClickWithoutDialogAsync(host, "29:1ana", "personal", prompt);
        var (path, _, submit) = InlineForm(host, GoalActions.CheckInSubmit);
        Assert.Contains("a:1:29:1ana", Uri.UnescapeDataString(path));

        var missing = await InvokeAsync(host, Execute(host, "29:1ana", submit, new Dictionary<string, string> { [$"v{goal.Id}"] = "40" }));
        var errorCard = missing["value"]!.ToJsonString();
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)missing["type"]);
        Assert.Contains("Input.ChoiceSet", errorCard);
        Assert.Contains("\"color\":\"attention\"", errorCard);
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<CheckIn>().CountAsync()));

        var answer = Execute(host, "29:1ana", submit, new Dictionary<string, string> { [$"v{goal.Id}"] = "40", [$"c{goal.Id}"] = "4" });
        var done = await InvokeAsync(host, answer);
        var saved = done["value"]!.ToJsonString();
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)done["type"]);
        Assert.Contains("Check-in saved for 1 goal", saved);
        Assert.DoesNotContain("Input.", saved);
        Assert.Equal(done.ToJsonString(), (await InvokeAsync(host, answer)).ToJsonString());  // a retry does not check in twice
        Assert.Equal(1, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<CheckIn>().CountAsync()));
        Assert.Equal(40, (await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Goal>().SingleAsync())).CurrentValue);
    }

    [Fact]
    public async Task A_form_is_never_drawn_into_a_channel_card_it_goes_to_the_1to1_chat()
    {
        await using var host = await TeamsHost.StartAsync();
        var button = await PulseButtonAsync(host);
        var data = new JsonObject();
        foreach (var (k, v) in button.Payload!) data[k] = v;

        var result = await InvokeAsync(host, host.Invoke("29:1ben", "adaptiveCard/action", new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button.ActionId, ["data"] = data },
            ["trigger"] = "manual",
        }));
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)result["type"]);
        Assert.Contains("1:1 chat", (string?)result["value"]);
        Assert.DoesNotContain("Input.", result.ToJsonString());
        Assert.Contains("a:fake-1on1-", InlineForm(host, PulseActions.Submit).Path);
    }
}
