using CollabBot.Core.Delivery;

namespace CollabBot.Benchmarks.Fanout;

// The shortest time the fakes' limits allow for a given set of outbox rows, from the first
// request on, with zero latency and perfect scheduling. A token bucket (rate r, burst b) lets
// request n go at (n - b) / r at the earliest; a sliding window of Max per W lets request n go
// at floor((n - 1) / Max) × W. Budgets are independent (per workspace, per conversation), so
// the minimum is the largest one needed.
internal static class FanoutMinimum
{
    internal sealed record Row(long Workspace, string Kind, OutboxTarget TargetKind, string Target);

    public static double Bucket(int n, double perSecond, int burst) => Math.Max(0, n - burst) / perSecond;

    public static double Window(int n, int max, double windowSeconds) => n <= 0 ? 0 : Math.Floor((n - 1) / (double)max) * windowSeconds;

    // Slack: posts per workspace (chat.postMessage cap) and per channel; updates per workspace (chat.update tier).
    public static double Slack(IReadOnlyCollection<Row> rows)
    {
        var posts = rows.Where(r => r.Kind == Outbox.Post).ToList();
        var updates = rows.Where(r => Outbox.IsUpdate(r.Kind)).ToList();
        var perWorkspace = posts.GroupBy(r => r.Workspace)
            .Select(g => Bucket(g.Count(), FanoutSlack.PostPerMinute / 60.0, FanoutSlack.PostBurst)).DefaultIfEmpty(0).Max();
        var perChannel = posts.GroupBy(r => (r.Workspace, r.Target)).Select(g => Bucket(g.Count(), 1, FanoutSlack.ChannelBurst)).DefaultIfEmpty(0).Max();
        var update = updates.GroupBy(r => r.Workspace)
            .Select(g => Bucket(g.Count(), FanoutSlack.TierPerMinute("chat.update") / 60.0, FanoutSlack.TierBurst("chat.update"))).DefaultIfEmpty(0).Max();
        return Math.Max(perWorkspace, Math.Max(perChannel, update));
    }

    // Teams: requests per tenant (a channel post or an update is one; a 1:1 message two: open the
    // chat, send) under 30 a second; per thread at most a few here, far inside 7 a second.
    public static double Teams(IReadOnlyCollection<Row> rows) => rows.GroupBy(r => r.Workspace)
        .Select(g => Window(Requests(g), FanoutTeams.TenantPerSecond, 1)).DefaultIfEmpty(0).Max();

    public static int Requests(IEnumerable<Row> rows) => rows.Sum(r => r.Kind == Outbox.Post && r.TargetKind == OutboxTarget.Member ? 2 : 1);
}
