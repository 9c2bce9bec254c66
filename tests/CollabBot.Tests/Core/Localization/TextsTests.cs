using System.Text.RegularExpressions;
using CollabBot.Core.Bot;
using CollabBot.Core.Localization;
using CollabBot.Tests.Support;

namespace CollabBot.Tests.Core.Localization;

public sealed partial class TextsTests
{
    [Fact]
    public void Both_languages_have_every_key_with_the_same_placeholders()
    {
        Assert.Equal(En.Strings.Keys.Order(), ZhHans.Strings.Keys.Order());
        Assert.All(En.Strings, kv =>
            Assert.Equal(Placeholders().Matches(kv.Value).Select(m => m.Value).Order(), Placeholders().Matches(ZhHans.Strings[kv.Key]).Select(m => m.Value).Order()));
    }

    [Theory]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh_TW", "zh-Hans")]
    [InlineData("en-US", "en")]
    [InlineData("fr-FR", null)]
    [InlineData(null, null)]
    public void Platform_locales_map_to_the_two_languages(string? platform, string? expected) => Assert.Equal(expected, Texts.Normalize(platform));

    [Fact]
    public void The_members_locale_wins_and_the_team_default_falls_back()
    {
        Assert.Equal("zh-Hans", Texts.For(null, "zh-Hans", "en").Locale);
        Assert.Equal("en", Texts.For("en", "zh-Hans").Locale);
        Assert.Equal("en", Texts.For("fr", null).Locale);
    }

    [Fact]
    public async Task A_chinese_speaking_rep_gets_chinese_replies_and_the_channel_stays_in_the_teams_language()
    {
        await using var chat = await TestChat.InstallAsync();
        var reply = ReplyText.Of(await chat.SayAsync("U-ANA", "kudos <@U-BEN> 谢谢你的演示", locale: "zh-CN"));
        Assert.Contains("送出认可", reply);
        var card = TestChat.CardOf((await chat.OutboxAsync()).Single(m => m.IdempotencyKey.StartsWith("kudos:", StringComparison.Ordinal)));
        Assert.Contains("Kudos!", card.Fallback + ReplyText.Of(card));             // team default: English
        Assert.Contains("用法", ReplyText.Of(await chat.SayAsync("U-ANA", "kudos")));

        await chat.SayAsync("U-MAYA", "settings language zh-Hans");
        Assert.Contains("Pulse posted in", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse now", locale: "en-GB")));
        var pulse = TestChat.CardOf((await chat.OutboxAsync()).Single(m => m.IdempotencyKey.EndsWith(":card", StringComparison.Ordinal)));
        Assert.Contains("每周脉搏调查", ReplyText.Of(pulse));
        Assert.Contains("用法", ReplyText.Of(await chat.SayAsync("U-BEN", "goal")));   // Ben has no locale of his own: the team's
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholders();
}
