using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace CollabBot.Slack.Wire;

// Slack's published limits, per app per workspace: Tier 2 20/min, Tier 3 50/min, Tier 4
// 100/min; chat.postMessage about one a second per channel (short bursts tolerated) under a
// workspace cap of several hundred a minute. Callers wait for a token rather than earn a 429.
internal sealed class SlackRateLimits : IDisposable
{
    private static readonly Dictionary<string, int> PerMinute = new(StringComparer.Ordinal)
    {
        ["chat.postMessage"] = 300, ["chat.postEphemeral"] = 100, ["chat.update"] = 50, ["chat.delete"] = 50,
        ["views.open"] = 100, ["views.update"] = 100, ["views.push"] = 100, ["views.publish"] = 100,
        ["users.info"] = 100, ["conversations.members"] = 100, ["conversations.open"] = 50, ["conversations.info"] = 50,
        ["conversations.history"] = 50, ["conversations.list"] = 20, ["users.list"] = 20, ["auth.test"] = 600, ["oauth.v2.access"] = 100,
        ["files.getUploadURLExternal"] = 20, ["files.completeUploadExternal"] = 20,
    };
    private const int DefaultPerMinute = 20;

    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    public static int LimitPerMinute(string method) => PerMinute.GetValueOrDefault(method, DefaultPerMinute);

    public async ValueTask<IDisposable> AcquireAsync(string workspace, string method, string? channel, CancellationToken ct)
    {
        var leases = new List<RateLimitLease> { await Acquire($"{workspace}|{method}", LimitPerMinute(method), ct) };
        // One message a second per channel, with a burst of three.
        if (method == "chat.postMessage" && channel is not null)
            leases.Add(await Acquire($"{workspace}|{method}|{channel}", 60, ct, burst: 3));
        return new Leases(leases);
    }

    private async ValueTask<RateLimitLease> Acquire(string key, int perMinute, CancellationToken ct, int? burst = null)
    {
        var bucket = _buckets.GetOrAdd(key, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst ?? Math.Max(1, perMinute / 6),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(60_000.0 / perMinute),
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
        var lease = await bucket.AcquireAsync(1, ct);
        return lease.IsAcquired ? lease : throw new SlackRateLimitedException(key, TimeSpan.FromSeconds(1));
    }

    public void Dispose()
    {
        foreach (var b in _buckets.Values) b.Dispose();
    }

    private sealed class Leases(List<RateLimitLease> leases) : IDisposable
    {
        public void Dispose() => leases.ForEach(l => l.Dispose());
    }
}
