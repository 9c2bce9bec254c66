namespace CollabBot.Core.Localization;

// Dates, plurals, the pulse's state in the digest and the digest's components in words.
internal static partial class En
{
    private static readonly Dictionary<string, string> Honest = new()
    {
        ["when"] = "{1} {0} {2}",
        ["day.short.monday"] = "Mon",
        ["day.short.tuesday"] = "Tue",
        ["day.short.wednesday"] = "Wed",
        ["day.short.thursday"] = "Thu",
        ["day.short.friday"] = "Fri",
        ["day.short.saturday"] = "Sat",
        ["day.short.sunday"] = "Sun",
        ["digest.pulse.open"] = "Pulse: {0} of {1} answered so far. The round is still open: its answers stay sealed until it closes ({2}); results appear then if at least {3} people answered.",
        ["digest.pulse.few"] = "Pulse: {0} of {1} answered — fewer than {2}, so this week's survey results are hidden.",
        ["digest.pulse.shown"] = "Pulse: {0} of {1} answered.",
        ["digest.pulse.none"] = "No pulse this week, so there are no survey results.",
        ["digest.suppressed.open"] = "hidden until the pulse closes ({0})",
        ["digest.suppressed.none"] = "no pulse this week",
        ["digest.one.rating"] = "one rating",
        ["digest.component.one"] = "{0} (one rating) · {1}",
        ["digest.component.weight"] = "{0}% of {1}",
        ["digest.reversed"] = "Reversed questions (agreeing is bad news, e.g. \"Did the CRM slow you down?\") are scored as 6 − answer.",
        ["pulse.posted"] = "Pulse posted in {1}'s channel for {0} members; each answers privately from the card.",
        ["pulse.posted.one"] = "Pulse posted in {1}'s channel for {0} member, who answers privately from the card.",
        ["pulse.question.added.reversed"] = "Question {0} added to {1} as reversed: agreeing counts as bad news (scored as 6 − answer). It is asked from the next pulse on.",
        ["checkin.thanks.one"] = "Check-in saved for {0} goal. Thanks!",
        ["checkin.prompt.line.one"] = "Where does your {0} running goal stand this week, and is anything in the way?",
        ["insight.no-kudos.one"] = "{0} member received no kudos in the last 4 weeks",
        ["insight.overdue.one"] = "{0} goal owner has not checked in this week",
        ["insight.at-risk.one"] = "{0} goal at risk (confidence ≤ 2 or pace below 70%)",
        ["team.goal.rollup.one"] = "{0}: {1} of {2} ({3}%) from {4} linked goal, whose target is {5} · due {6}",
        ["oneonone.noted.one"] = "Added to your 1:1 agenda ({0} talking point from the last 4 weeks). Your managers see it there.",
    };
}
