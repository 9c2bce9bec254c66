using System.Text.RegularExpressions;
using CollabBot.Core;
using CollabBot.Core.Cards;

namespace CollabBot.Tests.Core.Cards;

// Issue #19 over the whole catalogue (every card in every state, both languages): no "(s)"
// plurals, no "±0" or "-0", and no English weekday in Chinese text.
public sealed partial class CardWordingTests
{
    private static List<(string Name, string Json)> Rendered() =>
        CardCatalog.All().Select(c => (c.Name, CollabJson.Serialize(c.Card, indented: false))).ToList();

    [Fact]
    public void No_card_in_either_language_has_a_plural_in_brackets()
    {
        var cards = Rendered();
        Assert.True(cards.Count > 50);
        Assert.All(cards, c => Assert.False(c.Json.Contains("(s)", StringComparison.Ordinal), $"{c.Name} has \"(s)\""));
    }

    [Fact]
    public void No_chinese_card_names_an_english_weekday()
    {
        var chinese = Rendered().Where(c => c.Name.EndsWith(".zh-Hans", StringComparison.Ordinal)).ToList();
        Assert.Contains(chinese, c => c.Name.StartsWith("pulse.channel", StringComparison.Ordinal));
        Assert.All(chinese, c => Assert.False(EnglishDay().IsMatch(c.Json), $"{c.Name}: {EnglishDay().Match(c.Json).Value}"));
        Assert.Contains(chinese, c => c.Json.Contains("（周五）", StringComparison.Ordinal));   // the close time, in Chinese
    }

    [Fact]
    public void No_card_shows_plus_minus_zero_or_minus_zero()
    {
        Assert.All(Rendered(), c =>
        {
            Assert.False(c.Json.Contains("±0", StringComparison.Ordinal), $"{c.Name} shows ±0");
            Assert.False(MinusZero().IsMatch(c.Json), $"{c.Name} shows -0");
        });
    }

    [Fact]
    public void The_digest_has_a_card_for_each_state_of_the_pulse_in_both_languages()
    {
        var cards = Rendered().ToDictionary(c => c.Name, c => c.Json);
        Assert.Contains("The round is still open", cards["digest.pulse-open.en"]);
        Assert.Contains("本轮仍在进行中", cards["digest.pulse-open.zh-Hans"]);
        Assert.Contains("fewer than 6, so this week's survey results are hidden", cards["digest.pulse-too-few.en"]);
        Assert.Contains("少于 6 人", cards["digest.pulse-too-few.zh-Hans"]);
        Assert.Contains("No pulse this week", cards["digest.no-pulse.en"]);
        Assert.Contains("本周没有脉搏调查", cards["digest.no-pulse.zh-Hans"]);
        Assert.Contains("one rating", cards["digest.manager.explain.en"]);
        Assert.Contains("仅一次评分", cards["digest.manager.explain.zh-Hans"]);
    }

    [GeneratedRegex(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")]
    private static partial Regex EnglishDay();

    [GeneratedRegex(@"[-−]0(?![\d.])")]
    private static partial Regex MinusZero();
}
