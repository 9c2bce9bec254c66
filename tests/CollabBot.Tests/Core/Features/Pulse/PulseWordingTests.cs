using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Pulse;

// Issue #19: the pulse's replies say what happened, count properly, and read as Chinese.
public sealed class PulseWordingTests
{
    [Fact]
    public async Task Pulse_now_says_one_card_was_posted_in_the_channel_in_both_languages()
    {
        await using var chat = await TestChat.InstallAsync(roster: [("U-ANA", "Ana"), ("U-BEN", "Ben")]);
        var en = ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse now"));
        Assert.Matches(@"^Pulse posted in .+'s channel for \d+ members; each answers privately from the card\.$", en);
        Assert.DoesNotContain("sent to", en);
        Assert.Single(await chat.OutboxAsync(), m => m.IdempotencyKey.EndsWith(":card", StringComparison.Ordinal));   // one channel card, no message each
    }

    [Fact]
    public async Task A_chinese_team_gets_chinese_weekdays_and_the_pulse_reply_in_chinese()
    {
        await using var chat = await TestChat.InstallAsync(roster: [("U-ANA", "Ana"), ("U-BEN", "Ben")]);
        await chat.SayAsync("U-MAYA", "settings language zh-Hans");
        var zh = ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse now", locale: "zh-CN"));
        Assert.Contains("脉搏调查已发布到", zh);
        var card = ReplyText.Of(TestChat.CardOf((await chat.OutboxAsync()).Single(m => m.IdempotencyKey.EndsWith(":card", StringComparison.Ordinal))));
        Assert.Matches(@"\d{4}-\d\d-\d\d（周[一二三四五六日]）\d\d:\d\d", card);
        Assert.DoesNotMatch(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b", card);
    }

    [Fact]
    public async Task A_reversed_team_question_is_stored_reversed_asked_reversed_and_the_reply_says_how_it_is_scored()
    {
        await using var chat = await TestChat.InstallAsync(roster: [("U-ANA", "Ana")]);
        var en = ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse questions add process reversed Did the CRM slow you down this week?"));
        Assert.Contains("as reversed: agreeing counts as bad news (scored as 6 − answer)", en);
        var zh = ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse questions add process reversed CRM 本周拖慢你了吗？", locale: "zh-CN"));
        Assert.Contains("已作为反向题加入过程监控", zh);
        ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse questions add process Our handoffs were clear"));

        var questions = await chat.QueryAsync(db => db.Unscoped<PulseQuestion>().OrderBy(q => q.Id).ToListAsync());
        Assert.Equal([true, true, false], questions.Select(q => q.Reversed));
        Assert.Equal("Did the CRM slow you down this week?", questions[0].Text);   // "reversed" is not part of the text

        await chat.SayAsync("U-MAYA", "pulse now");
        var asked = await chat.QueryAsync(db => db.Unscoped<PulseRoundQuestion>().OrderBy(q => q.Position).ToListAsync());
        Assert.Equal([true, true, false], asked.Where(q => q.Key == $"c{q.Key[1..]}" && q.Key[1..].All(char.IsDigit)).Select(q => q.Reversed));
    }

    [Fact]
    public async Task Reversed_without_a_text_is_a_usage_error_that_changes_nothing()
    {
        await using var chat = await TestChat.InstallAsync(roster: [("U-ANA", "Ana")]);
        Assert.Contains("Usage", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse questions add process reversed")));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseQuestion>().CountAsync()));
    }
}
