using CollabBot.Core.Cards;

namespace CollabBot.Host.Cli;

// `cards --out DIR`: every card in every state, as neutral JSON under DIR/neutral/, for
// review and for checking against the platforms' schemas once rendered.
internal static class CardsVerb
{
    public static int Run(CliArgs cli, TextWriter output)
    {
        cli.AllowOnly("out");
        var dir = Path.Combine(cli.Required("out"), "neutral");
        Directory.CreateDirectory(dir);
        var count = 0;
        foreach (var (name, card) in CardCatalog.All())
        {
            File.WriteAllText(Path.Combine(dir, name + ".json"), CollabJson.Serialize(card, indented: true) + "\n");
            count++;
        }
        output.WriteLine($"Wrote {count} cards to {dir}");
        return 0;
    }
}
