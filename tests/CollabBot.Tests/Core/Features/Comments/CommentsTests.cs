using System.Globalization;
using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Comments;
using CollabBot.Core.Features.Pulse;
using CollabBot.Tests.Core.Features.Pulse;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Comments;

// The loop on anonymous comments: sealed while the round is open or below k, shown shuffled to
// managers after, answered privately and anonymously in both directions, the way back erased
// by `forget me`.
public sealed class CommentsTests
{
    private static readonly (string, string)[] Roster = [("U-ANA", "Ana"), ("U-BEN", "Ben"), ("U-CHLOE", "Chloe"), ("U-DAN", "Dan"), ("U-EVE", "Eve")];

    private static async Task<(TestChat Chat, string Round)> RoundAsync(string provider, params (string User, string? Comment)[] answers)
    {
        var chat = await TestChat.InstallAsync(provider, TestChat.Workspace, Roster);
        await chat.SayAsync("U-MAYA", "pulse now");
        var round = (await chat.QueryAsync(db => db.Unscoped<PulseRound>().SingleAsync())).Id.ToString(CultureInfo.InvariantCulture);
        foreach (var (user, comment) in answers)
        {
            var form = ((FormReply)await chat.ClickAsync(user, PulseActions.Open, new Dictionary<string, string> { ["r"] = round })).Form;
            var values = new Dictionary<string, string>(PulseTests.AllAnswered(form, 4));
            if (comment is not null) values[PulseActions.Comment] = comment;
            await chat.SubmitFormAsync(user, form, values);
        }
        return (chat, round);
    }

    private static async Task<OutboxMessage> LastDmAsync(TestChat chat, string to) =>
        (await chat.OutboxAsync()).Last(m => m.TargetKind == OutboxTarget.Member && m.Target == to && m.IdempotencyKey.StartsWith("comments:", StringComparison.Ordinal));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_round_past_its_close_shows_its_comments_without_waiting_for_the_close_job(string provider)
    {
        var (chat, _) = await RoundAsync(provider, ("U-ANA", "Pipeline reviews run long."), ("U-BEN", null), ("U-CHLOE", null), ("U-DAN", null), ("U-EVE", null));
        await using var __ = chat;
        Assert.Contains("sealed until the pulse closes", ReplyText.Of(await chat.SayAsync("U-MAYA", "comments")));
        chat.Db.Time.Advance(TimeSpan.FromDays(8));   // past the round's close; no job has run
        Assert.Contains("Pipeline reviews run long.", ReplyText.Of(await chat.SayAsync("U-MAYA", "comments")));
        Assert.NotNull(await chat.QueryAsync(db => db.Unscoped<PulseRound>().Select(r => r.ClosedAt).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_manager_reads_the_closed_rounds_comments_and_talks_with_an_author_who_stays_anonymous(string provider)
    {
        var (chat, _) = await RoundAsync(provider, ("U-ANA", "The CRM sync drops notes from calls."), ("U-BEN", "More demo slots please."),
            ("U-CHLOE", null), ("U-DAN", null), ("U-EVE", null));
        await using var __ = chat;
        Assert.Contains("sealed until the pulse closes", ReplyText.Of(await chat.SayAsync("U-MAYA", "comments")));
        Assert.Contains("Only the team's managers", ReplyText.Of(await chat.SayAsync("U-BEN", "comments")));
        await chat.SayAsync("U-MAYA", "pulse close");

        var list = ReplyText.Of(await chat.SayAsync("U-MAYA", "comments")).Split('\n');
        var crm = list.Single(l => l.Contains("CRM sync"));
        Assert.DoesNotContain("Ana", string.Join('\n', list));
        var n = crm.Split('.')[0];

        Assert.Contains("Sent privately", ReplyText.Of(await chat.SayAsync("U-MAYA", $"reply {n} Thanks, we fix the sync this sprint.")));
        var toAna = await LastDmAsync(chat, "U-ANA");
        Assert.Contains("we fix the sync", toAna.PayloadJson);
        Assert.DoesNotContain("CRM sync drops", toAna.PayloadJson);           // the message names Ana: it never carries her comment
        var card = TestChat.CardOf(toAna);
        var button = card.Body.OfType<ActionRow>().Single().Actions.Single();
        Assert.DoesNotContain(button.Payload![CommentsActions.Token], toAna.IdempotencyKey);

        // Ana answers back; Maya gets it without a name, and can answer again.
        var form = Assert.IsType<FormReply>(await chat.ClickAsync("U-ANA", button.ActionId, button.Payload)).Form;
        var sent = ReplyText.Of(await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string> { [CommentsActions.Text] = "Mostly from mobile." }));
        Assert.True(sent.Contains("anonymously"), sent);
        var toMaya = await LastDmAsync(chat, "U-MAYA");
        Assert.Contains("Mostly from mobile.", toMaya.PayloadJson);
        Assert.DoesNotContain("Ana", toMaya.PayloadJson);
        Assert.DoesNotContain("U-ANA", toMaya.PayloadJson);
        var back = TestChat.CardOf(toMaya).Body.OfType<ActionRow>().Single().Actions.Single();
        var again = Assert.IsType<FormReply>(await chat.ClickAsync("U-MAYA", back.ActionId, back.Payload)).Form;
        await chat.SubmitFormAsync("U-MAYA", again, new Dictionary<string, string> { [CommentsActions.Text] = "Got it, thanks." });
        Assert.Contains("Got it, thanks.", (await LastDmAsync(chat, "U-ANA")).PayloadJson);
        // A rep holding the manager-side button cannot write as a manager.
        Assert.Contains("Only the team's managers", ReplyText.Of(await chat.SubmitFormAsync("U-BEN", again, new Dictionary<string, string> { [CommentsActions.Text] = "x" })));

        // forget me: the comment stays (anonymous), the way back to Ana is gone.
        var confirm = (CardReply)await chat.SayAsync("U-ANA", "forget me");
        var forget = confirm.Card.Body.OfType<ActionRow>().Single().Actions.Single();
        await chat.ClickAsync("U-ANA", forget.ActionId, forget.Payload);
        Assert.Contains("CRM sync", ReplyText.Of(await chat.SayAsync("U-MAYA", "comments")));
        Assert.Contains("can no longer be reached", ReplyText.Of(await chat.SayAsync("U-MAYA", $"reply {n} Still there?")));
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<PulseResponse>().CountAsync(r => r.ReplyRoute != null)));   // Ben's
        var routes = await chat.QueryAsync(db => db.Unscoped<PulseResponse>().Where(r => r.ReplyRoute != null).Select(r => r.ReplyRoute!).ToListAsync());
        Assert.DoesNotContain(routes, r => r.Contains("U-BEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Comments_of_a_round_below_k_stay_sealed_and_malformed_commands_get_usage()
    {
        var (chat, _) = await RoundAsync("sqlite", ("U-ANA", "Only four of us answered."), ("U-BEN", null), ("U-CHLOE", null), ("U-DAN", null));
        await using var __ = chat;
        await chat.SayAsync("U-MAYA", "pulse close");
        var sealedText = ReplyText.Of(await chat.SayAsync("U-MAYA", "comments"));
        Assert.Contains("fewer than 5", sealedText);
        Assert.DoesNotContain("Only four", sealedText);
        Assert.Contains("fewer than 5", ReplyText.Of(await chat.SayAsync("U-MAYA", "reply 1 hello")));
        Assert.Contains("Usage: comments", ReplyText.Of(await chat.SayAsync("U-MAYA", "comments lastweek")));
        Assert.Contains("Usage: reply", ReplyText.Of(await chat.SayAsync("U-MAYA", "reply one hello")));
        Assert.Contains("Usage: reply", ReplyText.Of(await chat.SayAsync("U-MAYA", "reply 1")));
        Assert.DoesNotContain(await chat.OutboxAsync(), m => m.IdempotencyKey.StartsWith("comments:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chinese_manager_reads_comments_in_chinese()
    {
        var (chat, _) = await RoundAsync("sqlite", ("U-ANA", "流程太慢"), ("U-BEN", null), ("U-CHLOE", null), ("U-DAN", null), ("U-EVE", null));
        await using var __ = chat;
        await chat.SayAsync("U-MAYA", "pulse close");
        var text = ReplyText.Of(await chat.SayAsync("U-MAYA", "comments", locale: "zh-CN"));
        Assert.Contains("匿名评论", text);
        Assert.Contains("流程太慢", text);
    }
}
