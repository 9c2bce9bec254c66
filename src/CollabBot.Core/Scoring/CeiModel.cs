namespace CollabBot.Core.Scoring;

// The fixed shape of cei-1: seven dimensions, their components and default weights
// (cei-1 model, Dimensions). Only the weights may be overridden per workspace.
internal static class CeiModel
{
    public const string Id = "cei-1";

    public static readonly IReadOnlyList<DimensionDef> Dimensions =
    [
        new("role", "Role clarity", "角色定位", [("survey.role", 1.0)]),
        new("communication", "Communication", "沟通机制",
            [("survey.communication", 0.6), (Components.Participation, 0.2), (Components.AnswerSpeed, 0.2)]),
        new("alignment", "Goal alignment", "目标一致性",
            [("survey.alignment", 0.4), (Components.Confidence, 0.2), (Components.Pace, 0.2), (Components.Linkage, 0.2)]),
        new("sharing", "Resource sharing", "资源共享",
            [("survey.sharing", 0.4), (Components.HandoffQuality, 0.3), (Components.HandoffCompleteness, 0.3)]),
        new("recognition", "Recognition", "激励认可",
            [("survey.recognition", 0.4), (Components.RecognitionCoverage, 0.3),
             (Components.RecognitionEquality, 0.15), (Components.GivingBreadth, 0.15)]),
        new("process", "Process health", "过程监控",
            [("survey.process", 0.5), (Components.BlockerFree, 0.25), (Components.HandoffSpeed, 0.25)]),
        new("feedback", "Feedback loop", "评估反馈",
            [("survey.feedback", 0.4), (Components.Participation, 0.2), (Components.CheckInRate, 0.2),
             (Components.HandoffRatedShare, 0.2)]),
    ];

    public static IEnumerable<string> DimensionIds => Dimensions.Select(d => d.Id);

    public static DimensionDef Dimension(string id) =>
        Dimensions.FirstOrDefault(d => d.Id == id) ?? throw new ArgumentException($"unknown dimension '{id}'");

    public static bool IsDimension(string id) => Dimensions.Any(d => d.Id == id);

    // The weight of a component in a dimension: the team's override where it names one.
    public static double Weight(DimensionDef dim, string component,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? overrides) =>
        overrides is not null && overrides.TryGetValue(dim.Id, out var byComponent)
            && byComponent.TryGetValue(component, out var w) && double.IsFinite(w) && w >= 0
            ? w
            : dim.Components.First(c => c.Id == component).Weight;
}

internal sealed record DimensionDef(string Id, string NameEn, string NameZh, IReadOnlyList<(string Id, double Weight)> Components)
{
    public string Name(string? locale) => locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? NameZh : NameEn;
}

internal static class Components
{
    public const string Participation = "participation";
    public const string AnswerSpeed = "answer-speed";
    public const string CheckInRate = "check-in-rate";
    public const string Confidence = "confidence";
    public const string Pace = "pace";
    public const string Linkage = "linkage";
    public const string HandoffQuality = "handoff-quality";
    public const string HandoffCompleteness = "handoff-completeness";
    public const string HandoffSpeed = "handoff-speed";
    public const string HandoffRatedShare = "handoff-rated-share";
    public const string RecognitionCoverage = "recognition-coverage";
    public const string GivingBreadth = "giving-breadth";
    public const string RecognitionEquality = "recognition-equality";
    public const string BlockerFree = "blocker-free";

    public static string Survey(string dimension) => "survey." + dimension;
    public static bool IsSurvey(string id) => id.StartsWith("survey.", StringComparison.Ordinal);
}
