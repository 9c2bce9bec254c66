using System.Text.RegularExpressions;
using CollabBot.Core.Bot;
using CollabBot.Core.Features.Pulse;
using CollabBot.Tests.Support;

namespace CollabBot.Tests.Core.Features.Digest;

// Issue #19: the digest says why survey figures are hidden and when they will appear, in both
// languages, and `explain` names its parts in words.
public sealed partial class DigestHonestyTests
{
    private static readonly string[] People = ["U-ANA", "U-BEN", "U-CHLOE", "U-DAN", "U-EVE", "U-FAY"];

    // k = 5; `answering` of the six answer this week's pulse, or there is no pulse at all.
    private static async Task<TestChat> WeekAsync(int answering, bool pulse = true)
    {
        var chat = await TestChat.InstallAsync(roster: People.Select(p => (p, p[2..])).ToArray());
        if (!pulse) return chat;
        await chat.SayAsync("U-MAYA", "pulse now");
        var round = (await chat.OutboxAsync()).Single(m => m.IdempotencyKey.EndsWith(":card", StringComparison.Ordinal));
        var roundId = TestChat.CardOf(round).Body.OfType<CollabBot.Core.Cards.ActionRow>().Single().Actions.Single().Payload!["r"];
        foreach (var user in People.Take(answering))
        {
            var form = ((FormReply)await chat.ClickAsync(user, PulseActions.Open, new Dictionary<string, string> { ["r"] = roundId })).Form;
            await chat.SubmitFormAsync(user, form, form.Fields.OfType<CollabBot.Core.Cards.LikertInput>().ToDictionary(q => q.Id, _ => "4"));
        }
        return chat;
    }

    [Fact]
    public async Task While_the_round_is_open_the_digest_says_so_and_when_results_appear()
    {
        await using var chat = await WeekAsync(answering: 5);
        var en = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain"));
        Assert.Contains("The round is still open: its answers stay sealed until it closes (", en);
        Assert.Matches(@"closes \((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{4}-\d\d-\d\d \d\d:\d\d\); results appear then if at least 5 people answered", en);
        Assert.Contains("hidden until the pulse closes (", en);
        Assert.DoesNotContain("fewer than 5", en);
        Assert.DoesNotContain("once the pulse closes", en);

        var zh = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain", locale: "zh-CN"));
        Assert.Matches(@"本轮仍在进行中，回答在关闭（\d{4}-\d\d-\d\d（周[一二三四五六日]）\d\d:\d\d）前保持密封", zh);
        Assert.Contains("调查关闭（", zh);
        Assert.DoesNotMatch(EnglishDay(), zh);
    }

    [Fact]
    public async Task A_closed_round_with_fewer_than_k_says_fewer_than_k_answered()
    {
        await using var chat = await WeekAsync(answering: 4);
        chat.Db.Time.Advance(TimeSpan.FromDays(3));                       // the round has closed, the week has not
        var en = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain"));
        Assert.Contains("answered — fewer than 5, so this week's survey results are hidden.", en);
        Assert.Contains("hidden: fewer than 5 people answered", en);
        Assert.DoesNotContain("still open", en);
        Assert.DoesNotContain("once the pulse closes", en);

        var zh = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain", locale: "zh-CN"));
        Assert.Contains("少于 5 人，因此本周的调查结果不予显示", zh);
        Assert.Contains("已隐藏：作答人数少于 5 人", zh);
    }

    [Fact]
    public async Task A_week_without_a_pulse_says_there_was_none()
    {
        await using var chat = await WeekAsync(answering: 0, pulse: false);
        Assert.Contains("No pulse this week, so there are no survey results.", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain")));
        Assert.Contains("本周没有脉搏调查", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain", locale: "zh-CN")));
    }

    [Fact]
    public async Task Explain_names_components_in_words_with_their_share_and_spells_out_the_cei()
    {
        await using var chat = await WeekAsync(answering: 5);
        chat.Db.Time.Advance(TimeSpan.FromDays(3));
        var en = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain"));
        Assert.Contains("Collaboration Efficacy Index (CEI) ", en);
        Assert.Contains("Communication · Pulse participation", en);
        Assert.Contains("20% of Communication", en);
        Assert.Contains("scored as 6 − answer", en);
        Assert.DoesNotContain("weight ", en);
        Assert.DoesNotContain("survey.", en);
        Assert.DoesNotContain("±0", en);
        Assert.DoesNotMatch(@"-0\b", en);

        var zh = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain", locale: "zh-CN"));
        Assert.Contains("协作效能指数（CEI）", zh);
        Assert.Contains("沟通机制 · 脉搏调查参与率", zh);
        Assert.Contains("占沟通机制的 20%", zh);
        Assert.Contains("按 6 − 回答计分", zh);
        Assert.DoesNotContain("权重", zh);
        Assert.DoesNotContain("participation", zh);
        Assert.DoesNotContain("±0", zh);
    }

    [GeneratedRegex(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")]
    private static partial Regex EnglishDay();
}
