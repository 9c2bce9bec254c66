using System.Runtime.CompilerServices;
using System.Text.Json;
using CollabBot.Core.Cards;
using CollabBot.Host.Cli;
using CollabBot.Slack.BlockKit;

using CollabBot.Tests.Support;

namespace CollabBot.Tests.Slack;

// Every card as Slack draws it, against its golden Block Kit file (Golden/*.json beside this
// file; regenerate with COLLABBOT_UPDATE_GOLDEN=1 and review the diff).
public sealed class BlockKitGoldenTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string GoldenDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden");

    public static TheoryData<string> Names => new(CardCatalog.All().Select(c => c.Name));

    public static string Render(object card) => (card switch
    {
        Card c => BlockKitRenderer.Message(c),
        Form f => BlockKitRenderer.Modal(f),
        _ => throw new ArgumentException("not a card"),
    }).ToJsonString(Indented) + "\n";

    [Theory, MemberData(nameof(Names))]
    public void Block_kit_matches_its_golden_file(string name)
    {
        var json = Render(CardCatalog.All().Single(c => c.Name == name).Card);
        Golden.AssertMatches(GoldenDir(), name, json);
    }

    [Fact]
    public void Messages_carry_fallback_text_and_stay_within_slacks_limits()
    {
        foreach (var (name, card) in CardCatalog.All())
        {
            var doc = JsonDocument.Parse(Render(card)).RootElement;
            var blocks = doc.GetProperty("blocks").GetArrayLength();
            if (card is Card)
            {
                Assert.False(string.IsNullOrWhiteSpace(doc.GetProperty("text").GetString()), name);
                Assert.InRange(blocks, 1, 50);
            }
            else
            {
                Assert.InRange(doc.GetProperty("title").GetProperty("text").GetString()!.Length, 1, 24);
                Assert.InRange(blocks, 1, 100);
            }
        }
    }

    [Fact]
    public void Mentions_survive_and_other_angle_brackets_are_escaped()
    {
        Assert.Equal("<@U0ANA> &lt;b&gt; &amp; co", BlockKitRenderer.Escape("<@U0ANA> <b> & co"));
    }

    [Fact]
    public void The_manifest_verb_fills_in_the_public_url()
    {
        var file = Path.GetTempFileName();
        Assert.Equal(0, ManifestVerb.Run(new CliArgs(["manifest", "--base-url", "https://bot.acme.io", "--out", file]), "slack", TextWriter.Null));
        var text = File.ReadAllText(file);
        Assert.DoesNotContain(ManifestVerb.Placeholder, text);
        using var manifest = JsonDocument.Parse(text);
        Assert.Equal("https://bot.acme.io/slack/commands", manifest.RootElement.GetProperty("features").GetProperty("slash_commands")[0].GetProperty("url").GetString());
        Assert.Throws<UsageException>(() => ManifestVerb.Run(new CliArgs(["manifest", "--base-url", "http://bot.acme.io", "--out", file]), "slack", TextWriter.Null));
        Assert.Throws<UsageException>(() => ManifestVerb.Run(new CliArgs(["manifest", "--base-url", "https://x", "--out", file]), "discord", TextWriter.Null));
    }
}
