using System.Diagnostics.Metrics;

namespace CollabBot.Slack;

internal static class SlackMetrics
{
    public static readonly Meter Meter = new("CollabBot.Slack");
    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("collabbot.slack.rejected", description: "Slack requests refused by signature checks");
    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("collabbot.slack.duplicate_events", description: "Event deliveries dropped as duplicates");
}
