namespace CollabBot.Slack.Wire;

// Slack's published limits, per app per workspace: Tier 2 20/min, Tier 3 50/min, Tier 4
// 100/min; chat.postMessage about one a second per channel (short bursts tolerated) under a
// workspace cap of several hundred a minute. Callers wait for their slot rather than earn a 429.
//
// Each budget is a token bucket kept as its next free time (GCRA): a call reserves a slot in
// every budget it belongs to at once, so a reservation never holds one budget while queuing
// on another. A caller that may not wait long (the outbox engine) passes maxWait and gets a
// SlackPacedException with the wait instead, having reserved nothing.
internal sealed class SlackRateLimits(TimeProvider? time = null)
{
    private static readonly Dictionary<string, int> PerMinute = new(StringComparer.Ordinal)
    {
        ["chat.postMessage"] = 300,
        ["chat.postEphemeral"] = 100,
        ["chat.update"] = 50,
        ["chat.delete"] = 50,
        ["views.open"] = 100,
        ["views.update"] = 100,
        ["views.push"] = 100,
        ["views.publish"] = 100,
        ["users.info"] = 100,
        ["users.lookupByEmail"] = 50,
        ["conversations.members"] = 100,
        ["conversations.open"] = 50,
        ["conversations.info"] = 50,
        ["conversations.history"] = 50,
        ["conversations.list"] = 20,
        ["users.list"] = 20,
        ["auth.test"] = 600,
        ["oauth.v2.access"] = 100,
        ["files.getUploadURLExternal"] = 20,
        ["files.completeUploadExternal"] = 20,
    };
    private const int DefaultPerMinute = 20;
    // One message a second per channel, with a burst of three.
    public const int ChannelBurst = 3;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, TimeSpan> _nextFree = new(StringComparer.Ordinal);
    private long? _origin;

    public static int LimitPerMinute(string method) => PerMinute.GetValueOrDefault(method, DefaultPerMinute);

    // A sixth of a minute's budget may go at once.
    public static int Burst(string method) => Math.Max(1, LimitPerMinute(method) / 6);

    public async Task WaitAsync(string workspace, string method, string? channel, CancellationToken ct, TimeSpan? maxWait = null)
    {
        var wait = Reserve(workspace, method, channel, maxWait ?? TimeSpan.MaxValue);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, ct);
    }

    private TimeSpan Reserve(string workspace, string method, string? channel, TimeSpan maxWait)
    {
        var budgets = new List<(string Key, TimeSpan Interval, int Burst)>(2)
            { ($"{workspace}|{method}", TimeSpan.FromMinutes(1.0 / LimitPerMinute(method)), Burst(method)) };
        if (method == "chat.postMessage" && channel is not null)
            budgets.Add(($"{workspace}|{method}|{channel}", TimeSpan.FromSeconds(1), ChannelBurst));
        lock (_nextFree)
        {
            var now = Now;
            // A budget admits a call at t once t >= its next free time less the burst it may run ahead.
            var at = now;
            var binding = 0;
            for (var i = 0; i < budgets.Count; i++)
            {
                var (key, interval, burst) = budgets[i];
                var earliest = _nextFree.GetValueOrDefault(key, TimeSpan.MinValue / 2) - interval * (burst - 1);
                if (earliest > at) (at, binding) = (earliest, i);
            }
            if (at - now > maxWait) throw new SlackPacedException(at - now, perChannel: binding == 1);
            foreach (var (key, interval, _) in budgets)
            {
                var next = _nextFree.GetValueOrDefault(key, TimeSpan.MinValue / 2);
                _nextFree[key] = (next > at ? next : at) + interval;
            }
            if (_nextFree.Count > 100_000) Forget(now);
            return at - now;
        }
    }

    private TimeSpan Now
    {
        get
        {
            _origin ??= _time.GetTimestamp();
            return _time.GetElapsedTime(_origin.Value);
        }
    }

    // A budget whose next free time has passed is as good as new: drop it.
    private void Forget(TimeSpan now)
    {
        foreach (var key in _nextFree.Where(b => b.Value < now).Select(b => b.Key).ToList()) _nextFree.Remove(key);
    }
}

// The budget has no slot within the caller's maxWait: nothing was sent or reserved.
// PerChannel: only this channel is out of budget, the workspace still has room.
internal sealed class SlackPacedException(TimeSpan wait, bool perChannel) : Exception($"Slack budget full for {wait}")
{
    public TimeSpan Wait { get; } = wait;
    public bool PerChannel { get; } = perChannel;
}
