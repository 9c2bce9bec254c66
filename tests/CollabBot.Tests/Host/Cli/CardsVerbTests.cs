using System.Text.Json;
using CollabBot.Core.Cards;
using CollabBot.Host.Cli;

namespace CollabBot.Tests.Host.Cli;

public sealed class CardsVerbTests
{
    [Fact]
    public void Cards_writes_every_card_as_neutral_json_block_kit_and_adaptive_cards()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"collabbot-cards-{Guid.NewGuid():N}");
        Assert.Equal(0, CardsVerb.Run(new CliArgs(["cards", "--out", dir]), TextWriter.Null));

        var names = CardCatalog.All().Select(c => c.Name + ".json").Order().ToList();
        foreach (var platform in new[] { "neutral", "slack", "teams" })
            Assert.Equal(names, Directory.GetFiles(Path.Combine(dir, platform)).Select(Path.GetFileName).Order());
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "teams")))
        {
            using var card = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal("AdaptiveCard", card.RootElement.GetProperty("type").GetString());
            Assert.Equal("1.5", card.RootElement.GetProperty("version").GetString());
        }
        using var form = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "teams", "pulse.form.en.json")));
        Assert.Equal("pulse.submit", form.RootElement.GetProperty("actions")[0].GetProperty("verb").GetString());
    }

    [Fact]
    public void Cards_needs_an_output_directory() =>
        Assert.Throws<UsageException>(() => CardsVerb.Run(new CliArgs(["cards"]), TextWriter.Null));
}
