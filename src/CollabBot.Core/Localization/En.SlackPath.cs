namespace CollabBot.Core.Localization;

// Slack's ack path: what is said when an answer arrives after Slack stopped waiting for it.
internal static partial class En
{
    private static readonly Dictionary<string, string> SlackPath = new()
    {
        ["slack.form.late.errors"] = "Your form had closed by the time it was checked, so nothing was saved:\n{0}\nPlease open it again and send it once more.",
    };
}
