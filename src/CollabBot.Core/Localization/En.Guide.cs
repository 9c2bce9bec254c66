namespace CollabBot.Core.Localization;

// Getting started: help before any team, the first week, the installer's setup checklist.
internal static partial class En
{
    private static readonly Dictionary<string, string> Guide = new()
    {
        ["help.noteam"] = "I'm not in any team of yours yet. The commands below work once I am.",
        ["help.add.title"] = "Add CollabBot to a team",
        ["help.add.slack"] = "Open your team's channel, type `/invite @CollabBot`, then send `/collab help` there once. Everyone in that channel becomes a member of the team.",
        ["help.add.teams"] = "In Teams, open Apps, find CollabBot and choose “Add to a team”, then pick the team's channel. Mention @CollabBot there once (for example “@CollabBot help”). Everyone in the team becomes a member.",
        ["digest.first.partial"] = "CollabBot arrived partway through this week, so this first digest covers only part of it. The first full week, {0}, will be scored and posted {1}.",
    };
}
