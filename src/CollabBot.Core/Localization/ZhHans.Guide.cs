namespace CollabBot.Core.Localization;

// Getting started: help before any team, the first week, the installer's setup checklist.
internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> Guide = new()
    {
        ["help.noteam"] = "我还不在你的任何团队中。把我加入团队后，下面的命令即可使用。",
        ["help.add.title"] = "把 CollabBot 加入团队",
        ["help.add.slack"] = "打开团队频道，输入 `/invite @CollabBot`，然后在该频道发送一次 `/collab help`。频道中的每个人都会成为团队成员。",
        ["help.add.teams"] = "在 Teams 中打开“应用”，找到 CollabBot 并选择“添加到团队”，然后选择团队的频道。在该频道中提及一次 @CollabBot（例如“@CollabBot help”）。团队中的每个人都会成为成员。",
        ["digest.first.partial"] = "CollabBot 在本周中途加入，因此这第一份摘要只涵盖本周的一部分。第一个完整的周 {0} 将于 {1} 评分并发布。",
    };
}
