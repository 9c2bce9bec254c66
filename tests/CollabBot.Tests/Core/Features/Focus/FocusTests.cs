using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Focus;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Focus;

public sealed class FocusTests
{
    private static Task<int> FocusCount(TestChat chat) => chat.QueryAsync(db => db.Unscoped<FocusAction>().CountAsync());

    private static Task<int> StoreAsync(TestChat chat, string week, params (string, double?, double)[] dims) =>
        chat.QueryAsync(db => StoredDigests.StoreAsync(db, StoredDigests.Week(week, dims)));

    // It is Thursday of W48. W46's digest is the latest when Maya sets the focus; W47's comes after.
    [Fact]
    public async Task A_focus_is_announced_measured_by_every_later_digest_and_closed_with_its_outcome()
    {
        await using var chat = await TestChat.InstallAsync();
        await StoreAsync(chat, "2026-W46", ("recognition", 48.2, 2));

        var set = ReplyText.Of(await chat.SayAsync("U-MAYA", "focus recognition Thank one teammate in the channel every Friday"));
        Assert.Contains("Announced in the team channel: the team's focus is Recognition, starting from 48 ±2 in the 2026-W46 digest", set);
        var focus = await chat.QueryAsync(db => db.Unscoped<FocusAction>().SingleAsync());
        Assert.Equal(("recognition", "2026-W46", 48.2, 2.0, true), (focus.Dimension, focus.BaselineWeek, focus.BaselineScore!.Value, focus.BaselineSe!.Value, focus.Open));
        var announced = Assert.Single(await chat.OutboxAsync(), m => m.IdempotencyKey == $"focus:{focus.Id}:set");
        Assert.Equal((OutboxTarget.Channel, TestChat.Channel), (announced.TargetKind, announced.Target));
        var card = ReplyText.Of(TestChat.CardOf(announced));
        Assert.Contains("The team's focus: Recognition", card);
        Assert.Contains("“Thank one teammate in the channel every Friday”", card);
        Assert.Contains("Set by <@U-MAYA>. Starting point: 48 ±2 in the 2026-W46 digest.", card);

        // The next digest: +15.7 against a noise of max(5, 1.96 × √(2² + 2²)) = 5.5 — a rise.
        await StoreAsync(chat, "2026-W47", ("recognition", 63.9, 2));
        var line = "Recognition — “Thank one teammate in the channel every Friday” (2026-W46 → 2026-W47): 48 → 64: ▲ +16, beyond its noise (±6)";
        Assert.Contains(line, ReplyText.Of(await chat.SayAsync("U-MAYA", "digest")));
        Assert.Contains(line, ReplyText.Of(await chat.SayAsync("U-DAN", "digest")));            // the channel view too: the focus was announced there
        Assert.DoesNotContain("Team focus", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest 2026-W46")));   // its own baseline week

        // The weekly job posts W47 (the week before this one) to the channel and the managers, with the focus.
        var team = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        var before = (await chat.OutboxAsync()).Count;
        await chat.Db.Services.GetRequiredService<DigestJobs>().WeeklyAsync(team, TestContext.Current.CancellationToken);
        var posted = (await chat.OutboxAsync()).Skip(before).ToList();
        Assert.Equal(2, posted.Count);                                                          // the channel and Maya
        Assert.All(posted, m => Assert.Contains(line, ReplyText.Of(TestChat.CardOf(m))));

        var done = ReplyText.Of(await chat.SayAsync("U-MAYA", "focus done Kudos on Fridays stuck"));
        Assert.Contains("Focus on Recognition closed and the team channel told. Outcome: 48 → 64: ▲ +16, beyond its noise (±6)", done);
        focus = await chat.QueryAsync(db => db.Unscoped<FocusAction>().SingleAsync());
        Assert.Equal(("2026-W47", 63.9, "Kudos on Fridays stuck", false), (focus.OutcomeWeek, focus.OutcomeScore!.Value, focus.Note, focus.Open));
        var closed = ReplyText.Of(TestChat.CardOf(Assert.Single(await chat.OutboxAsync(), m => m.IdempotencyKey == $"focus:{focus.Id}:closed")));
        Assert.Contains("Focus closed: Recognition", closed);
        Assert.Contains("2026-W46 → 2026-W47: 48 → 64: ▲ +16, beyond its noise (±6)", closed);
        Assert.Contains("Note: Kudos on Fridays stuck", closed);

        // Later digests no longer report it; the closed week still does.
        chat.Db.Time.Advance(TimeSpan.FromDays(7));
        await StoreAsync(chat, "2026-W48", ("recognition", 40, 2));
        Assert.DoesNotContain("Team focus", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest")));
        Assert.Contains(line, ReplyText.Of(await chat.SayAsync("U-MAYA", "digest 2026-W47")));
        Assert.Contains("no open focus", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus done")));
    }

    [Fact]
    public async Task A_change_within_its_noise_is_steady_and_a_week_without_a_score_says_so()
    {
        await using var chat = await TestChat.InstallAsync();
        await StoreAsync(chat, "2026-W46", ("role", 62, 7.906));
        await chat.SayAsync("U-MAYA", "focus role Write down who owns each renewal");
        // The cei-1 model's worked example: 62 → 75 with SEs 7.906 and 8.5 needs 22.75 to count.
        await StoreAsync(chat, "2026-W47", ("role", 75, 8.5));
        Assert.Contains("62 → 75: steady (+13, within its noise ±23)", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest")));
        chat.Db.Time.Advance(TimeSpan.FromDays(7));
        await StoreAsync(chat, "2026-W48", ("role", null, 0));
        Assert.Contains("no score in 2026-W48, so no change to report", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest")));
    }

    [Fact]
    public async Task A_chinese_speaking_manager_names_the_dimension_in_chinese_and_reads_chinese()
    {
        await using var chat = await TestChat.InstallAsync();
        await StoreAsync(chat, "2026-W47", ("process", 55, 3));
        var reply = ReplyText.Of(await chat.SayAsync("U-MAYA", "focus 过程监控 每周一复盘卡住的商机", locale: "zh-CN"));
        Assert.Contains("团队的改进重点是 过程监控，起点为 2026-W47 摘要中的 55 ±3", reply);
        Assert.Equal("process", (await chat.QueryAsync(db => db.Unscoped<FocusAction>().SingleAsync())).Dimension);
        Assert.Contains("团队正在改进 过程监控", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus sharing 分享案例", locale: "zh-CN")));
        Assert.Contains("“外汇”不是一个维度", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus 外汇 做点什么", locale: "zh-CN")));
    }

    [Fact]
    public async Task A_rep_cannot_set_or_close_a_focus()
    {
        await using var chat = await TestChat.InstallAsync();
        await StoreAsync(chat, "2026-W47");
        Assert.Contains("Only the team's managers", ReplyText.Of(await chat.SayAsync("U-ANA", "focus role Clarify owners")));
        Assert.Equal(0, await FocusCount(chat));
        await chat.SayAsync("U-MAYA", "focus role Clarify owners");
        Assert.Contains("Only the team's managers", ReplyText.Of(await chat.SayAsync("U-ANA", "focus done")));
        Assert.True((await chat.QueryAsync(db => db.Unscoped<FocusAction>().SingleAsync())).Open);
    }

    [Theory]
    [InlineData("focus", "Usage: focus")]
    [InlineData("focus role", "Usage: focus")]
    [InlineData("focus bravery Be brave", "\"bravery\" isn't a dimension. Use one of: role, communication, alignment")]
    public async Task Malformed_focus_commands_say_how_and_change_nothing(string text, string expected)
    {
        await using var chat = await TestChat.InstallAsync();
        await StoreAsync(chat, "2026-W47");
        Assert.Contains(expected, ReplyText.Of(await chat.SayAsync("U-MAYA", text)));
        Assert.Equal(0, await FocusCount(chat));
        Assert.DoesNotContain(await chat.OutboxAsync(), m => m.IdempotencyKey.StartsWith("focus:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_stored_digest_a_second_open_focus_or_an_overlong_text_nothing_is_set()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("has none stored yet", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus role Clarify owners")));
        Assert.Contains("no open focus", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus done")));
        await StoreAsync(chat, "2026-W47");
        Assert.Contains("too long", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus role " + new string('x', FocusAction.MaxText + 1))));
        Assert.Equal(0, await FocusCount(chat));
        await chat.SayAsync("U-MAYA", "focus role Clarify owners");
        Assert.Contains("already working on Role clarity: “Clarify owners”", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus feedback Ask for feedback")));
        Assert.Contains("too long", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus done " + new string('x', FocusAction.MaxText + 1))));
        Assert.Equal(1, await FocusCount(chat));
        Assert.True((await chat.QueryAsync(db => db.Unscoped<FocusAction>().SingleAsync())).Open);
    }

    [Fact]
    public async Task Closing_before_any_later_digest_says_there_is_nothing_to_compare()
    {
        await using var chat = await TestChat.InstallAsync();
        await StoreAsync(chat, "2026-W47");
        await chat.SayAsync("U-MAYA", "focus feedback Ask one question in every 1:1");
        Assert.Contains("no digest since it began, so no change to report", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus done")));
        Assert.Contains("no open focus", ReplyText.Of(await chat.SayAsync("U-MAYA", "focus done")));   // closing twice: nothing is open
        Assert.Equal("2026-W47", (await chat.QueryAsync(db => db.Unscoped<FocusAction>().SingleAsync())).OutcomeWeek);
    }
}
