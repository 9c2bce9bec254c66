using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Cards;
using CollabBot.Teams.AdaptiveCards;

using CollabBot.Tests.Support;

namespace CollabBot.Tests.Teams;

// Every card as Teams draws it, against its golden Adaptive Card (Golden/*.json beside this
// file; regenerate with COLLABBOT_UPDATE_GOLDEN=1 and review the diff). Cards go through
// Card(), forms through Form().
public sealed class AdaptiveCardGoldenTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The catalog's sample people, as the Teams side would look them up.
    private static readonly Dictionary<string, string> Names = new() { ["U0ANA"] = "Ana", ["U0BEN"] = "Ben", ["U0CHL"] = "Chloe" };

    private static string GoldenDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden");

    public static TheoryData<string> CatalogNames => new(CardCatalog.All().Select(c => c.Name));

    public static JsonObject Render(object card) => card switch
    {
        Card c => AdaptiveCardRenderer.Card(c, Names),
        Form f => AdaptiveCardRenderer.Form(f),
        _ => throw new ArgumentException("not a card"),
    };

    [Theory, MemberData(nameof(CatalogNames))]
    public void Adaptive_card_matches_its_golden_file(string name)
    {
        var json = Render(CardCatalog.All().Single(c => c.Name == name).Card).ToJsonString(Indented) + "\n";
        Golden.AssertMatches(GoldenDir(), name, json);
    }

    [Fact]
    public void No_golden_file_is_left_without_a_card()
    {
        var names = CardCatalog.All().Select(c => c.Name + ".json").ToHashSet();
        Assert.All(Directory.GetFiles(GoldenDir()).Select(f => Path.GetFileName(f)), f => Assert.Contains(f, names));
    }

    [Fact]
    public void Every_card_is_version_1_5_with_teams_keys_only_where_teams_reads_them()
    {
        foreach (var (name, card) in CardCatalog.All())
        {
            var json = Render(card);
            Assert.Equal("AdaptiveCard", (string?)json["type"]);
            Assert.Equal("1.5", (string?)json["version"]);
            Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)json["$schema"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)json["fallbackText"]), name);
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(json.ToJsonString()), 1, AdaptiveCardRenderer.MaxCardBytes);
            // The schema check strips only the root's msteams; the one other place Teams reads it
            // is the data of an Action.Submit (the task/fetch marker), which the schema leaves open.
            Assert.Empty(StrayMsTeams(json, name, allowed: true));
        }
    }

    [Fact]
    public void Only_digests_are_full_width_and_every_mention_has_its_entity()
    {
        foreach (var (name, card) in CardCatalog.All())
        {
            var json = Render(card);
            Assert.Equal(name.StartsWith("digest.", StringComparison.Ordinal), (string?)json["msteams"]?["width"] == "Full");
            var text = json["body"]!.ToJsonString(Indented);
            var entities = json["msteams"]?["entities"]?.AsArray().Select(e => (string)e!["text"]!).ToList() ?? [];
            Assert.All(entities, e => Assert.Contains(e, text));
            Assert.Equal(text.Contains("<at>", StringComparison.Ordinal), entities.Count > 0);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
        }
    }

    // Paths of the objects holding an `msteams` key where Teams would not read it: anywhere but
    // the root and the data of an Action.Submit.
    private static IEnumerable<string> StrayMsTeams(JsonNode? node, string path, bool allowed)
    {
        if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++)
                foreach (var p in StrayMsTeams(a[i], $"{path}[{i}]", false)) yield return p;
        if (node is not JsonObject o) yield break;
        if (o.ContainsKey("msteams") && !allowed) yield return path;
        var submit = o["type"] is JsonValue t && t.TryGetValue(out string? type) && type == "Action.Submit";
        foreach (var (key, value) in o.Where(kv => kv.Key != "msteams"))
            foreach (var p in StrayMsTeams(value, $"{path}.{key}", submit && key == "data")) yield return p;
    }
}
