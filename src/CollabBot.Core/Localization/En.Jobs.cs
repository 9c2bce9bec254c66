namespace CollabBot.Core.Localization;

// What the scheduled jobs send and the commands that steer them.
internal static partial class En
{
    private static readonly Dictionary<string, string> Jobs = new()
    {
        ["pulse.paused"] = "No scheduled pulse until {0}. `pulse pause 0` turns it back on.",
        ["pulse.resumed"] = "The weekly pulse is back on its schedule.",
        ["pulse.reminder.title"] = "Weekly pulse — a gentle reminder",
        ["pulse.reminder.line"] = "This week's pulse ({0}) is open until {1}. It takes about a minute and your answers are anonymous.",
        ["pulse.reminder.fallback"] = "Reminder: this week's pulse is open until {0}",
        ["checkin.prompt.title"] = "Time for your weekly check-in",
        ["checkin.prompt.line"] = "Where do your {0} goals stand this week, and is anything in the way?",
        ["checkin.prompt.button"] = "Check in",
        ["checkin.prompt.fallback"] = "Time for your weekly check-in ({0} goals)",
        ["handoff.reminder.title"] = "A handoff is waiting for your rating",
        ["handoff.reminder.line"] = "{0} handed you {1} a day ago. A quick rating helps them make the next handoff better.",
        ["handoff.reminder.fallback"] = "Reminder: please rate the handoff of {1} from {0}",
    };
}
