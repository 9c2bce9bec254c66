using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Comments;
using CollabBot.Core.Features.Pulse;
using CollabBot.Teams.Wire;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// `comments` and `reply` as Teams carries them: @mentions in the channel answered in the 1:1
// chat, the author's message as a proactive 1:1 message, the answer back from its button
// (task/fetch → dialog → task/submit) or by typing `reply` in the 1:1 chat.
public sealed class TeamsCommentsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Said(TeamsHost host, int before) => Regex.Unescape(TeamsEndpointTests.TextsOf(host.Sent().Skip(before)));

    private static async Task<string> SayAsync(TeamsHost host, string user, string command, string conversationType = "channel", string locale = "en-US")
    {
        var before = host.Sent().Count;
        var activity = host.Command(user, command, conversationType);
        activity["locale"] = locale;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(activity)).StatusCode);
        return Said(host, before);
    }

    private static async Task<JsonObject> InvokeAsync(TeamsHost host, string user, string name, JsonObject data)
    {
        var response = await host.PostAsync(host.Invoke(user, name, new JsonObject { ["data"] = data }, "personal"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
    }

    // Opens a button's dialog and submits it with the given field values; returns the closing message.
    private static async Task<string> SubmitDialogAsync(TeamsHost host, string user, CardAction button, IReadOnlyDictionary<string, string> fields)
    {
        var fetch = new JsonObject { ["verb"] = button.ActionId, ["msteams"] = new JsonObject { ["type"] = "task/fetch" } };
        foreach (var (k, v) in button.Payload!) fetch[k] = v;
        var dialog = await InvokeAsync(host, user, "task/fetch", fetch);
        var submit = dialog["task"]!["value"]!["card"]!["content"]!["actions"]!.AsArray().Last()!["data"]!.DeepClone().AsObject();
        foreach (var (k, v) in fields) submit[k] = v;
        var done = await InvokeAsync(host, user, "task/submit", submit);
        return done["task"]!["value"]!.ToJsonString();
    }

    private static async Task<string> DeliverAsync(TeamsHost host)
    {
        var before = host.Sent().Count;
        for (var i = 0; i < 10 && await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(Ct) > 0; i++) { }
        return Said(host, before);
    }

    private static Task<CardAction> LastButtonAsync(TeamsHost host, string keyPrefix) => TeamsEndpointTests.QueryAsync(host, async db =>
        CollabJson.Deserialize<Card>((await db.Unscoped<OutboxMessage>().Where(m => m.IdempotencyKey.StartsWith(keyPrefix)).OrderBy(m => m.Id).LastAsync()).PayloadJson)
            .Body.OfType<ActionRow>().SelectMany(r => r.Actions).First());

    [Fact]
    public async Task A_manager_answers_a_comment_and_the_author_answers_back_in_the_1on1_chat_without_being_named()
    {
        await using var host = await TeamsHost.StartAsync();
        host.Connector.Members.Add(new TeamsMember("29:1cal", "Cal", "aad-cal", "cal@contoso.example", "user"));
        host.Connector.Members.Add(new TeamsMember("29:1dee", "Dee", "aad-dee", "dee@contoso.example", "user"));
        await TeamsEndpointTests.InstallAsync(host);
        await SayAsync(host, "29:1maya", "pulse now");
        var pulse = await LastButtonAsync(host, "pulse:");
        var answers = new[] { ("29:1ana", "The CRM sync drops notes from calls."), ("29:1ben", "More demo slots."), ("29:1li", null), ("29:1cal", null), ("29:1dee", null) };
        foreach (var (user, comment) in answers)
        {
            var fetch = new JsonObject { ["verb"] = pulse.ActionId, ["msteams"] = new JsonObject { ["type"] = "task/fetch" } };
            foreach (var (k, v) in pulse.Payload!) fetch[k] = v;
            var content = (await InvokeAsync(host, user, "task/fetch", fetch))["task"]!["value"]!["card"]!["content"]!;
            var submit = content["actions"]!.AsArray().Last()!["data"]!.DeepClone().AsObject();
            foreach (var id in Regex.Matches(content.ToJsonString(), "\"id\":\"([a-z]+\\.[a-z])\"").Select(m => m.Groups[1].Value).Distinct()) submit[id] = "4";
            if (comment is not null) submit[PulseActions.Comment] = comment;
            Assert.Equal("message", (await InvokeAsync(host, user, "task/submit", submit))["task"]!["type"]!.GetValue<string>());
        }
        // Open: sealed, said in Chinese to a Chinese-speaking manager; a rep is refused.
        Assert.Contains("评论在脉搏调查结束前保持封存", await SayAsync(host, "29:1maya", "comments", locale: "zh-CN"));
        Assert.Contains("Only the team's managers can do that.", await SayAsync(host, "29:1ben", "comments"));
        await SayAsync(host, "29:1maya", "pulse close");

        var list = await SayAsync(host, "29:1maya", "comments");
        Assert.Contains("application/vnd.microsoft.card.adaptive", list);
        Assert.DoesNotContain("29:1ana", list);
        var n = Regex.Match(list, @"(\d+)\\?\. The CRM sync").Groups[1].Value;
        Assert.Contains("Sent privately", await SayAsync(host, "29:1maya", $"reply {n} Thanks, we fix the sync this sprint."));
        var toAna = await DeliverAsync(host);
        Assert.Contains(host.Connector.Of("POST", "/v3/conversations"), c => c.Body.Contains("29:1ana"));   // a 1:1 chat with her
        Assert.Contains("A manager answered your anonymous comment", toAna);
        Assert.DoesNotContain("CRM sync drops", toAna);

        // Ana answers from the button (a dialog), then by typing `reply` in her 1:1 chat.
        var button = await LastButtonAsync(host, CommentAnswers.ToAuthorKey);
        Assert.Contains("anonymously", await SubmitDialogAsync(host, "29:1ana", button, new Dictionary<string, string> { [CommentsActions.Text] = "Mostly call notes from mobile." }));
        Assert.Contains("Sent anonymously", await SayAsync(host, "29:1ana", "reply Also from the tablet app.", "personal"));
        var toMaya = await DeliverAsync(host);
        Assert.Contains("Mostly call notes from mobile.", toMaya);
        Assert.Contains("Also from the tablet app.", toMaya);
        Assert.DoesNotContain("29:1ana", toMaya);
        Assert.DoesNotMatch(@"\bAna\b", toMaya);
    }
}
