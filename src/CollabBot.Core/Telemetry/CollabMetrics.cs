using System.Diagnostics.Metrics;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Telemetry;

// Every instrument CollabBot records, declared once. The host exports the meter at /metrics
// (Host/Telemetry); request counts and latency per route come from ASP.NET Core's own
// http.server.request.duration. Tags take a handful of fixed values each — never an id, a
// user, a team or free text — so the series stay few and carry nothing private.
internal static class CollabMetrics
{
    public const string MeterName = "CollabBot";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("collabbot.auth.rejected",
        description: "Inbound requests refused by authentication (Slack signature, Teams JWT), by platform and reason");
    private static readonly Counter<long> DuplicateEvents = Meter.CreateCounter<long>("collabbot.slack.duplicate_events",
        description: "Slack event deliveries dropped as duplicates");
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("collabbot.outbox.deliveries",
        description: "Outbox delivery attempts by platform and outcome (sent, retry, throttled, failed, dead_letter)");
    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram("collabbot.job.duration", unit: "s",
        description: "Scheduled job run time by job and outcome", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
        });
    private static readonly Counter<long> DigestsScored = Meter.CreateCounter<long>("collabbot.digests.scored",
        description: "Weekly digest snapshots computed");
    private static readonly Counter<long> DigestsPosted = Meter.CreateCounter<long>("collabbot.digests.posted",
        description: "Digests queued to post, by audience (channel, manager); a re-run job counts nothing twice");
    private static readonly Counter<long> RetentionPurged = Meter.CreateCounter<long>("collabbot.retention.purged",
        description: "Rows removed by the retention purge, by kind (pulse_response, outbox)");

    public static void SlackRejected(string reason) => Rejected.Add(1, Tag("platform", "slack"), Tag("reason", Label(reason)));

    // Teams reasons are the fixed phrases of BotFrameworkAuth ("token expired", "bad signature" …).
    public static void TeamsRejected(string reason) => Rejected.Add(1, Tag("platform", "teams"), Tag("reason", Label(reason)));

    public static void SlackDuplicate() => DuplicateEvents.Add(1);

    // After OutboxDelivery.Apply: the status the row ended in says what the attempt came to.
    public static void Delivered(Platform platform, OutboxStatus status, DeliveryResult result) =>
        Deliveries.Add(1, Tag("platform", Label(platform.ToString())), Tag("outcome", status switch
        {
            OutboxStatus.Sent => "sent",
            OutboxStatus.Failed => "failed",
            OutboxStatus.DeadLetter => "dead_letter",
            _ => result is RetryResult { Throttle: true } ? "throttled" : "retry",
        }));

    public static void JobRan(string job, bool succeeded, TimeSpan took) =>
        JobDuration.Record(took.TotalSeconds, Tag("job", job), Tag("outcome", succeeded ? "succeeded" : "failed"));

    public static void Scored(int snapshots)
    {
        if (snapshots > 0) DigestsScored.Add(snapshots);
    }

    public static void Posted(string audience, int digests)
    {
        if (digests > 0) DigestsPosted.Add(digests, Tag("audience", audience));
    }

    public static void Purged(int pulseResponses, int outboxRows)
    {
        RetentionPurged.Add(pulseResponses, Tag("kind", "pulse_response"));
        RetentionPurged.Add(outboxRows, Tag("kind", "outbox"));
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    // "token expired" → "token_expired", "Mismatch" → "mismatch": label values in one style.
    private static string Label(string value) => value.Trim().Replace(' ', '_').ToLowerInvariant();
}
