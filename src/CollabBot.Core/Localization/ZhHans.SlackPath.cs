namespace CollabBot.Core.Localization;

// Slack's ack path: what is said when an answer arrives after Slack stopped waiting for it.
internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> SlackPath = new()
    {
        ["slack.form.late.errors"] = "表单检查完成时已经关闭，因此没有保存任何内容：\n{0}\n请重新打开表单再提交一次。",
    };
}
