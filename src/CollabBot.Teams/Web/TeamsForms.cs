using CollabBot.Core.Bot;
using CollabBot.Core.Localization;

namespace CollabBot.Teams.Web;

// When a form opens as a dialog and when it is shown inline in a chat.
//
// A button that opens a form is an Action.Submit carrying the task/fetch marker. A Teams client
// that can open dialogs turns it into a task/fetch invoke, and the form opens as a dialog. A
// client that cannot (Microsoft 365 Agents Playground 0.2.28, Bot Framework Web Chat) sends the
// same click as an ordinary submit: a message whose value still carries the marker. The handler
// answers with the same form either way; a form that did not come through task/fetch is posted
// inline, in the 1:1 chat, as an Adaptive Card whose submit is an Action.Execute, and that
// adaptiveCard/action invoke reaches the same submit handler a dialog's task/submit does (same
// checks, same sealing, same duplicate handling).
//
// Inline forms are shown only in the person's 1:1 chat with the bot, never in a channel or group
// chat: pulse answers are anonymous, and a form drawn into a shared card would show who is
// answering (and, with an error, what they entered).
internal static class TeamsForms
{
    public static bool InlineAllowed(ConversationType type) => type == ConversationType.Personal;

    public static string SentPrivately(string? locale) => Texts.For(locale)["form.inline.private"];
}
