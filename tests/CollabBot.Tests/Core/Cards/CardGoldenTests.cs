using System.Runtime.CompilerServices;
using CollabBot.Core;
using CollabBot.Core.Cards;

using CollabBot.Tests.Support;

namespace CollabBot.Tests.Core.Cards;

// Every card in every state against its golden JSON (Golden/neutral/*.json beside this
// file). After an intended change, regenerate with COLLABBOT_UPDATE_GOLDEN=1 and review the diff.
public sealed class CardGoldenTests
{
    private static string GoldenDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden", "neutral");

    public static TheoryData<string> Names => new(CardCatalog.All().Select(c => c.Name));

    [Theory, MemberData(nameof(Names))]
    public void Card_matches_its_golden_file(string name)
    {
        var json = CollabJson.Serialize(CardCatalog.All().Single(c => c.Name == name).Card, indented: true) + "\n";
        Golden.AssertMatches(GoldenDir(), name, json);
    }

    [Fact]
    public void No_golden_file_is_left_without_a_card()
    {
        var names = CardCatalog.All().Select(c => c.Name + ".json").ToHashSet();
        Assert.All(Directory.GetFiles(GoldenDir()).Select(f => Path.GetFileName(f)), f => Assert.Contains(f, names));
    }

    [Fact]
    public void Action_ids_are_feature_verb_and_payloads_short()
    {
        var actions = CardCatalog.All().Select(c => c.Card).OfType<Card>().SelectMany(c => c.Body).OfType<ActionRow>().SelectMany(r => r.Actions).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a =>
        {
            Assert.Matches("^[a-z]+\\.[a-z]+$", a.ActionId);
            Assert.All(a.Payload ?? new Dictionary<string, string>(), kv => Assert.True(kv.Value.Length <= 20, $"{a.ActionId} carries a long value"));
        });
    }
}
