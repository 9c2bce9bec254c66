namespace CollabBot.Core.Scoring;

// The scorer's whole input for one team: exactly the `collabbot-export/1` format of the
// cei-1 model, so `export` → `score` reproduces what the scheduled job stores.
internal sealed record TeamData(
    TeamInfo Team,
    IReadOnlyList<MemberInfo> Members,
    IReadOnlyList<PulseRoundInfo> PulseRounds,
    IReadOnlyList<PulseAnswerInfo> PulseAnswers,
    IReadOnlyList<GoalInfo> Goals,
    IReadOnlyList<CheckInInfo> CheckIns,
    IReadOnlyList<KudosInfo> Kudos,
    IReadOnlyList<HandoffInfo> Handoffs,
    IReadOnlyList<HandoffFeedbackInfo> HandoffFeedback)
{
    public const string FormatId = "collabbot-export/1";
    public string Format { get; init; } = FormatId;
}

// Weights are optional: null means the model's defaults (configurable per workspace).
internal sealed record TeamInfo(
    string Id, string Name, string TimeZone, int AnonymityThreshold,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Weights = null);

internal sealed record MemberInfo(
    string Id, string Name, string? Role, bool IsManager, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);

internal sealed record QuestionInfo(string Id, string Dimension, bool Reversed);

// `answerHours` (whole hours from the send to each answer, sorted) stands in for the answers'
// times (cei-1 model, "Time precision"). Extensions: `week`, the ISO week the round was
// sent in (the team's zone at the time), so a later change of zone never moves a round into a
// week that has one; `anonymityThreshold`, the k in force when the round closed, which its
// survey figures keep whatever k is later set to.
internal sealed record PulseRoundInfo(
    string Id, DateTimeOffset SentAt, DateTimeOffset ClosesAt,
    IReadOnlyList<string> Invited, IReadOnlyList<QuestionInfo> Questions,
    IReadOnlyList<int>? AnswerHours = null, string? Week = null, int? AnonymityThreshold = null);

// AnsweredAt is null when the round carries answerHours instead.
internal sealed record PulseAnswerInfo(
    string Round, string Respondent, DateTimeOffset? AnsweredAt,
    IReadOnlyDictionary<string, int> Answers, string? Comment);

internal sealed record GoalInfo(
    string Id, string? Owner, string Title, double StartValue, double Target,
    DateOnly StartDate, DateOnly DueDate, string? TeamGoal);

internal sealed record CheckInInfo(string Goal, DateTimeOffset At, double Value, int Confidence, string? Blocker);

internal sealed record KudosInfo(string From, IReadOnlyList<string> To, string? Value, DateTimeOffset At);

internal sealed record HandoffInfo(string Id, string From, string To, string? RolePair, string? Subject, DateTimeOffset At);

// `missing` (names of the checklist items that were absent) extends the format; it is
// optional and only feeds the "most often missing item" insight.
internal sealed record HandoffFeedbackInfo(
    string Handoff, int Quality, int ItemsPresent, int ItemsTotal, DateTimeOffset At,
    IReadOnlyList<string>? Missing = null);
