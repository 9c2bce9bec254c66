namespace CollabBot.Core.Localization;

// Forms shown inline in a chat, where a client cannot open a dialog.
internal static partial class En
{
    private static readonly Dictionary<string, string> Inline = new()
    {
        ["form.inline.private"] = "I've sent you the form in our 1:1 chat, so your answers stay private.",
    };
}
