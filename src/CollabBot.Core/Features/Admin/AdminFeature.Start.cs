using CollabBot.Core.Cards;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Features.Admin;

// `help` from someone CollabBot knows in no team (a 1:1 chat right after installing, the
// Agents Playground): the commands everyone has, and how to bring CollabBot into a team —
// the one step without which none of them works.
internal static partial class AdminFeature
{
    public static Card HelpWithoutTeam(Texts t, Platform platform) => new("admin.help", t["help.title"],
    [
        new Header(t["help.title"]),
        new TextBlock(t["help.intro"]),
        new TextBlock(t["help.noteam"]),
        new FactSet(EveryonesCommands(t)),
        new Header(t["help.add.title"]),
        new TextBlock(t[platform == Platform.Teams ? "help.add.teams" : "help.add.slack"]),
    ]);

    private static List<Fact> EveryonesCommands(Texts t) =>
    [
        new("kudos", t["usage.kudos"]), new("handoff", t["usage.handoff"]), new("goal", t["usage.goal"]),
        new("checkin", t["usage.checkin"]), new("digest", t["usage.digest"]), new("1on1 note", t["help.1on1.note"]), new("reply", t["help.reply.author"]),
        new("export me · forget me", t["help.privacy"]),
    ];
}
