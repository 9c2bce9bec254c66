namespace CollabBot.Core.Localization;

// Forms shown inline in a chat, where a client cannot open a dialog.
internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> Inline = new()
    {
        ["form.inline.private"] = "表单已发到你和我的私聊中，你的回答不会公开。",
    };
}
