namespace CollabBot.Core.Localization;

internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> Comments = new()
    {
        ["usage.comments"] = "comments [yyyy-Www]",
        ["usage.reply"] = "reply [yyyy-Www] <编号> <内容>",
        ["comments.title"] = "匿名评论 — 第 {0} 周",
        ["comments.empty"] = "第 {0} 周没有人留下评论。",
        ["comments.hint"] = "评论已打乱顺序且不含时间，无法对应到任何人。可私下匿名回复其中一条：reply <编号> <内容>。",
        ["comments.open"] = "第 {0} 周的评论在脉搏调查结束前保持封存（{1}）。",
        ["comments.sealed"] = "第 {0} 周的评论保持封存：作答人数少于 {1} 人。",
        ["comments.reply.unknown"] = "第 {1} 周没有第 {0} 条评论；可用 `comments {1}` 查看。",
        ["comments.reply.gone"] = "已无法联系到该评论的作者。",
        ["comments.reply.sent"] = "已私下发送给评论作者。你不会知道作者是谁；对方的回复会发到这里。",
        ["comments.sent.anon"] = "已匿名发送。",
        ["comments.toauthor.title"] = "经理回复了你的匿名评论",
        ["comments.toauthor.body"] = "关于你在第 {0} 周脉搏调查中留下的评论：",
        ["comments.toauthor.note"] = "只有你收到这条消息。经理不知道你是谁；你的回复也不会带上你的名字。",
        ["comments.fromauthor.title"] = "一条匿名回复",
        ["comments.fromauthor.body"] = "来自第 {0} 周一条评论的作者：「{1}」",
        ["comments.answer.button"] = "匿名回复",
        ["comments.form.title"] = "匿名回复",
        ["comments.form.text"] = "你的消息",
        ["comments.form.send"] = "发送",
    };
}
