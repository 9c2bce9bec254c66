using CollabBot.Core.Cards;
using CollabBot.Slack.BlockKit;
using CollabBot.Teams.AdaptiveCards;

namespace CollabBot.Host.Cli;

// `cards --out DIR`: every card in every state, as neutral JSON under DIR/neutral/ and as
// each platform draws it (DIR/slack/: Block Kit messages and modals; DIR/teams/: Adaptive
// Cards, forms as the card a message carries), for review and for checking against the
// platforms' schemas and limits.
internal static class CardsVerb
{
    public static int Run(CliArgs cli, TextWriter output)
    {
        cli.AllowOnly("out");
        var root = cli.Required("out");
        var count = 0;
        foreach (var (name, card) in CardCatalog.All())
        {
            Write(root, "neutral", name, CollabJson.Serialize(card, indented: true));
            Write(root, "slack", name, (card switch
            {
                Card c => BlockKitRenderer.Message(c),
                Form f => BlockKitRenderer.Modal(f),
                _ => throw new InvalidOperationException($"{name} is neither a card nor a form"),
            }).ToJsonString(Indented));
            Write(root, "teams", name, (card switch
            {
                Card c => AdaptiveCardRenderer.Card(c, CardCatalog.People),
                Form f => AdaptiveCardRenderer.Form(f),
                _ => throw new InvalidOperationException($"{name} is neither a card nor a form"),
            }).ToJsonString(Indented));
            count++;
        }
        output.WriteLine($"Wrote {count} cards to {Path.Combine(root, "neutral")}, {Path.Combine(root, "slack")} and {Path.Combine(root, "teams")}");
        return 0;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
    };

    private static void Write(string root, string platform, string name, string json)
    {
        var dir = Path.Combine(root, platform);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".json"), json + "\n");
    }
}
