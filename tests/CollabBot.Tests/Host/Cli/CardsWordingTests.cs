using System.Text.RegularExpressions;
using CollabBot.Host.Cli;

namespace CollabBot.Tests.Host.Cli;

// What the `cards` verb writes (every card in every state, in both languages, neutral and as
// Slack and Teams draw it): no "(s)" plural in any of them, no English weekday in a Chinese one.
public sealed partial class CardsWordingTests
{
    [Fact]
    public void No_rendered_card_has_a_bracketed_plural_and_no_chinese_one_an_english_weekday()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"collabbot-wording-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(0, CardsVerb.Run(new CliArgs(["cards", "--out", dir]), TextWriter.Null));
            var files = Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories);
            foreach (var platform in new[] { "neutral", "slack", "teams" })
            {
                Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}{platform}{Path.DirectorySeparatorChar}") && f.EndsWith(".en.json", StringComparison.Ordinal));
                Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}{platform}{Path.DirectorySeparatorChar}") && f.EndsWith(".zh-Hans.json", StringComparison.Ordinal));
            }
            var chinese = 0;
            foreach (var file in files)
            {
                var json = File.ReadAllText(file);
                Assert.False(json.Contains("(s)", StringComparison.Ordinal), $"{file} has \"(s)\"");
                if (!file.EndsWith(".zh-Hans.json", StringComparison.Ordinal)) continue;
                chinese++;
                Assert.False(EnglishDay().IsMatch(json), $"{file}: {EnglishDay().Match(json).Value}");
            }
            Assert.True(chinese > 150, $"only {chinese} Chinese renderings");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // The short names the bot once wrote ("开放至 Fri 2026-12-11"), and a full name before a date
    // or time; a full name elsewhere is a sample's own words (a focus action "every Friday").
    [GeneratedRegex(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d")]
    private static partial Regex EnglishDay();
}
