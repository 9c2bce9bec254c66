namespace CollabBot.Core.Features.OneOnOne;

internal sealed record AgendaGoal(string Title, double Start, double Current, double Target, DateOnly Due, int? Confidence, double? Pace, DateOnly? CheckedIn);

internal sealed record AgendaCheckIn(DateOnly Day, string Goal, double Value, int Confidence, string? Blocker);

// Others are the teammates on the other side: the giver of kudos received, the receivers of kudos given.
internal sealed record AgendaKudos(DateOnly Day, IReadOnlyList<string> Others, string? Value, string Message);

// Missing holds the checklist items as recorded (a default item's English name, shown in the reader's language, or a team's own text).
internal sealed record AgendaFeedback(DateOnly Day, string Subject, string Other, int Quality, int Present, int Total, IReadOnlyList<string> Missing, string? Comment);

internal sealed record AgendaNote(DateOnly Day, string Text);

// One member's 1:1 agenda over this week and the three before (Since): newest first everywhere.
internal sealed record AgendaData(string Name, string? SalesRole, DateOnly Since, IReadOnlyList<AgendaNote> Notes, IReadOnlyList<AgendaGoal> Goals,
    IReadOnlyList<AgendaCheckIn> CheckIns, IReadOnlyList<AgendaKudos> KudosReceived, IReadOnlyList<AgendaKudos> KudosGiven,
    IReadOnlyList<AgendaFeedback> FeedbackReceived, IReadOnlyList<AgendaFeedback> FeedbackGiven);
