using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Comments;
using CollabBot.Slack.Wire;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Tests.Slack.SlackPulseWire;

namespace CollabBot.Tests.Slack;

// `comments` and `reply` as Slack carries them: slash commands answered ephemerally, the
// author's message as a direct message (conversations.open + chat.postMessage), the answer
// back from its button (block action → modal → view submission) or by `/collab reply`.
public sealed class SlackCommentsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(SlackHost Host, long Round)> RoundAsync(string mayaLocale = "en-US")
    {
        var host = await SlackHost.StartAsync();
        AddPeople(host, "U0CAL", "U0DEE", "U0EVA");
        host.Slack.Users["U0MAYA"] = ("Maya", mayaLocale);
        await SayAsync(host, "U0MAYA", "help");
        await SayAsync(host, "U0MAYA", "pulse now");
        return (host, await OpenRoundAsync(host));
    }

    // Delivers the outbox; what was posted, as (channel, readable JSON).
    private static async Task<List<(string Channel, string Json)>> DeliverAsync(SlackHost host)
    {
        var before = host.Slack.Of("chat.postMessage").Count();
        for (var i = 0; i < 10 && await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(Ct) > 0; i++) { }
        return host.Slack.Of("chat.postMessage").Skip(before).Select(c => (c.Json["channel"]!.GetValue<string>(), Readable(c.Json))).ToList();
    }

    private static string Readable(JsonNode node) => System.Text.RegularExpressions.Regex.Unescape(node.ToJsonString());

    private static JsonObject Button(JsonObject message) => message["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? [])
        .Single(e => e!["action_id"]?.GetValue<string>() == CommentsActions.Answer)!.AsObject();

    [Fact]
    public async Task A_manager_answers_a_comment_the_author_answers_back_by_button_and_by_reply_and_stays_anonymous()
    {
        var (host, round) = await RoundAsync();
        await using var _ = host;
        Assert.Contains("anonymously", await AnswerAsync(host, "U0ANA", round, 2, "The CRM sync drops notes from calls."));
        Assert.Contains("sealed until the pulse closes", await SayAsync(host, "U0MAYA", "comments"));   // open: sealed
        foreach (var user in new[] { "U0BEN", "U0CAL", "U0DEE", "U0EVA" }) await AnswerAsync(host, user, round, 4, user == "U0BEN" ? "More demo slots." : null);
        Assert.Contains("Pulse closed: 5 of", await SayAsync(host, "U0MAYA", "pulse close"));

        var refused = await JsonOf(await host.CommandAsync("U0BEN", "comments"));
        Assert.Equal("Only the team's managers can do that.", refused["text"]!.GetValue<string>());
        Assert.Contains("Only the team's managers answer comments by number", (await JsonOf(await host.CommandAsync("U0BEN", "reply 1 hello")))["text"]!.GetValue<string>());

        var list = await JsonOf(await host.CommandAsync("U0MAYA", "comments"));
        Assert.Equal("ephemeral", list["response_type"]!.GetValue<string>());
        var line = list["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.GetValue<string>() ?? "").Single(t => t.Contains("CRM sync"));
        Assert.DoesNotContain("Ana", Readable(list));
        var digest = await JsonOf(await host.CommandAsync("U0MAYA", "digest"));
        Assert.Contains(line, Readable(digest));                                           // the manager digest, numbered alike

        Assert.Contains("Sent privately", await SayAsync(host, "U0MAYA", $"reply {line.Split('.')[0]} Thanks, we fix the sync this sprint."));
        var delivered = await DeliverAsync(host);
        var toAna = delivered.Single(m => m.Channel.EndsWith("0ANA", StringComparison.Ordinal) && m.Json.Contains("A manager answered"));
        Assert.Contains("we fix the sync", toAna.Json);
        Assert.DoesNotContain("CRM sync drops", toAna.Json);                                // her DM never carries her comment

        // Ana answers from the message's button: the modal, then its submission.
        var button = Button(JsonNode.Parse(toAna.Json)!.AsObject());
        await host.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ANA", ["team_id"] = "T0ACME" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["trigger_id"] = "trig-answer",
            ["channel"] = new JsonObject { ["id"] = "D0ANA" },
            ["response_url"] = host.Slack.BaseUrl + "/api/response_url",
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = CommentsActions.Answer, ["value"] = button["value"]!.GetValue<string>(), ["type"] = "button" }),
        }.ToJsonString());
        var modal = host.Slack.Of("views.open").Last().Json["view"]!.AsObject();
        Assert.Equal(CommentsActions.Send, modal["callback_id"]!.GetValue<string>());
        var sent = await host.InteractionAsync(new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = "U0ANA" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = CommentsActions.Send,
                ["private_metadata"] = modal["private_metadata"]!.GetValue<string>(),
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject
                    {
                        [CommentsActions.Text] = new JsonObject
                        {
                            [CommentsActions.Text] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Mostly call notes from mobile." }
                        }
                    }
                },
            },
        }.ToJsonString());
        Assert.Contains("anonymously", await sent.Content.ReadAsStringAsync(Ct));
        // …and once more with `/collab reply`, which answers the latest message she got.
        Assert.Contains("Sent anonymously", await SayAsync(host, "U0ANA", "reply Also from the tablet app."));

        var toMaya = (await DeliverAsync(host)).Where(m => m.Channel.EndsWith("0MAYA", StringComparison.Ordinal) && m.Json.Contains("anonymous answer")).Select(m => m.Json).ToList();
        Assert.Equal(2, toMaya.Count);
        Assert.Contains(toMaya, m => m.Contains("Mostly call notes from mobile.") && m.Contains("An anonymous answer"));
        Assert.Contains(toMaya, m => m.Contains("Also from the tablet app."));
        Assert.All(toMaya, m => Assert.DoesNotContain("U0ANA", m));
        Assert.All(toMaya, m => Assert.DoesNotContain("Ana", m));
    }

    [Fact]
    public async Task A_chinese_manager_finds_comments_sealed_below_k_in_comments_reply_and_the_digest()
    {
        var (host, round) = await RoundAsync("zh-CN");
        await using var _ = host;
        await DeliverAsync(host);   // the install's own messages (the installer's setup checklist, the pulse card)
        foreach (var user in new[] { "U0ANA", "U0BEN", "U0CAL", "U0DEE" }) await AnswerAsync(host, user, round, 3, user == "U0ANA" ? "只有四个人回答" : null);
        await SayAsync(host, "U0MAYA", "pulse close");

        var sealedText = await SayAsync(host, "U0MAYA", "comments");
        Assert.Contains("保持封存：作答人数少于 5 人", System.Text.RegularExpressions.Regex.Unescape(sealedText));
        Assert.DoesNotContain("只有四个人", System.Text.RegularExpressions.Regex.Unescape(sealedText));
        Assert.Contains("少于 5 人", System.Text.RegularExpressions.Regex.Unescape(await SayAsync(host, "U0MAYA", "reply 1 你好")));
        var digest = Readable(await JsonOf(await host.CommandAsync("U0MAYA", "digest")));
        Assert.Contains("匿名评论", digest);
        Assert.Contains("保持封存", digest);
        Assert.DoesNotContain("只有四个人", digest);
        Assert.DoesNotContain(await DeliverAsync(host), m => m.Channel != "C0SALES");           // nobody was messaged
    }
}
