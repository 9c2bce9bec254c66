namespace CollabBot.Core.Localization;

// The digest outside chat: the chart, the link on the card and the web page.
internal static partial class En
{
    private static readonly Dictionary<string, string> Web = new()
    {
        ["digest.chart.cei"] = "CEI",
        ["digest.chart.axis"] = "Score (0–100)",
        ["digest.chart.alt"] = "Line chart of the CEI and the seven dimensions from {0} to {1}, on a 0–100 scale; gaps are weeks without a score. CEI in the last week: {2}.",
        ["digest.open"] = "View full digest",
        ["page.cei"] = "Collaboration Efficacy Index",
        ["page.coverage"] = "{0} of {1} dimensions scored",
        ["page.chart"] = "The last 8 weeks",
        ["page.dimensions"] = "Dimensions and what is behind them",
        ["page.component"] = "Component",
        ["page.value"] = "Value",
        ["page.private"] = "Manager view. This private link works until {0}; please don't forward it.",
        ["page.model"] = "Model {0} · figures as of {1} ({2})",
        ["component.survey"] = "Pulse answers",
        ["component.participation"] = "Pulse participation",
        ["component.answer-speed"] = "How fast the pulse is answered",
        ["component.check-in-rate"] = "Goal check-ins done",
        ["component.confidence"] = "Confidence in reaching goals",
        ["component.pace"] = "Goal progress on pace",
        ["component.linkage"] = "Goals linked to team goals",
        ["component.handoff-quality"] = "Handoff quality ratings",
        ["component.handoff-completeness"] = "Handoff checklist completeness",
        ["component.handoff-speed"] = "How fast handoffs are rated",
        ["component.handoff-rated-share"] = "Share of handoffs rated",
        ["component.recognition-coverage"] = "Members who received kudos",
        ["component.giving-breadth"] = "Members who gave kudos",
        ["component.recognition-equality"] = "How evenly kudos are spread",
        ["component.blocker-free"] = "Check-ins without blockers",
    };
}
