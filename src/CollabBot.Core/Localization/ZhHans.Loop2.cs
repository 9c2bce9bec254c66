namespace CollabBot.Core.Localization;

internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> Loop2 = new()
    {
        ["comments.digest.more"] = "…… 还有 {0} 条，可用 `comments {1}` 查看全部。",
        ["comments.toauthor.how"] = "点下方按钮回复，或在此对话中输入 `reply <你的回复>`。",
        ["comments.reply.none"] = "只有团队经理可以按编号回复评论（`reply <编号> <内容>`）。经理回复你的匿名评论后，你可以点该消息上的按钮，或输入 `reply <你的回复>` 匿名回复。",
        ["usage.reply.author"] = "reply <你的回复>",
        ["help.reply.author"] = "reply <你的回复>——回复经理就你的匿名评论发来的消息，仍然匿名",
    };
}
