namespace CollabBot.Teams.Wire;

internal enum ConnectorCall { Send, Create, Members }

internal sealed record WindowLimit(int Max, TimeSpan Window);

// Teams' published per-bot limits (rate-limit.md; teams_bot_rate_limits.json): per thread,
// every window must admit the call; per app per tenant, 30 calls a second in all. Callers
// wait for their turn instead of earning a 429.
//
// An exact sliding log rather than System.Threading.RateLimiting: its SlidingWindowRateLimiter
// counts in segments (so a true window slightly shorter than the configured one can hold more
// than Max), cannot run on a TimeProvider, and a chain of them keeps permits taken from one
// window while waiting on the next, so the counted time drifts from the real send time.
//
// Requests reach Teams a few milliseconds after they are admitted here, and not all equally
// late, so two calls a window apart here can arrive less than a window apart there: every
// window is counted `margin` longer than published (50 ms unless told) so Teams never sees Max+1.
// And calls are spread evenly at the fastest published rate (`spread`; e.g. one every 1/30 s for
// a tenant) rather than let through as a full window at once and then nothing: a burst of 30
// reaches Teams smeared over tens of milliseconds, so the next one, a window later, would not.
internal sealed class ConnectorLimits(TimeProvider time, TimeSpan? margin = null, bool spread = true)
{
    public static readonly TimeSpan DefaultMargin = TimeSpan.FromMilliseconds(50);

    public static readonly WindowLimit[] PerThreadSend =
        [new(7, TimeSpan.FromSeconds(1)), new(8, TimeSpan.FromSeconds(2)), new(60, TimeSpan.FromSeconds(30)), new(1800, TimeSpan.FromHours(1))];
    public static readonly WindowLimit[] PerThreadMembers =
        [new(14, TimeSpan.FromSeconds(1)), new(16, TimeSpan.FromSeconds(2)), new(120, TimeSpan.FromSeconds(30)), new(3600, TimeSpan.FromHours(1))];
    // Per app per tenant. The stored doc says 30 RPS, later versions 50: budget for 30. A caller
    // that does not name the tenant shares one budget with all such callers (the safe reading).
    public static readonly WindowLimit[] PerApp = [new(30, TimeSpan.FromSeconds(1))];

    // More callers than this queued on one thread means a runaway loop: fail fast and let the caller reschedule.
    public const int QueueLimit = 500;

    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);
    private const int MaxLogged = 3600;
    private readonly TimeProvider _time = time;
    private readonly TimeSpan _margin = margin ?? DefaultMargin;
    private readonly bool _spread = spread;
    private readonly long _origin = time.GetTimestamp();
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private int _sinceSweep;

    public static WindowLimit[] For(ConnectorCall call) => call == ConnectorCall.Members ? PerThreadMembers : PerThreadSend;

    // Sends, replies, updates and deletes share a thread's "send" budget; creates are counted per
    // user they open a chat with (the thread does not exist yet); roster reads have their own.
    // maxWait: the longest the caller will wait for either budget to have room (once its turn
    // came); beyond it, ConnectorPacedException with the wait, and nothing was counted.
    public async Task WaitAsync(ConnectorCall call, string key, CancellationToken ct, string? tenant = null, TimeSpan? maxWait = null)
    {
        var thread = Enter($"{call}|{key}", QueueLimit);
        try
        {
            await thread.Turn.WaitAsync(ct);
            try
            {
                await thread.UntilFreeAsync(For(call), this, maxWait, perThread: true, ct);
                var app = Enter(tenant is null ? "app" : $"app|{tenant}", int.MaxValue);
                try
                {
                    await app.Turn.WaitAsync(ct);
                    try
                    {
                        await app.UntilFreeAsync(PerApp, this, maxWait, perThread: false, ct);
                        // Still free for the thread: only we add to its log, and time only moved on.
                        var now = Now;
                        thread.Add(now, Gap(For(call)));
                        app.Add(now, Gap(PerApp));
                    }
                    finally
                    {
                        app.Turn.Release();
                    }
                }
                finally
                {
                    Leave(app);
                }
            }
            finally
            {
                thread.Turn.Release();
            }
        }
        finally
        {
            Leave(thread);
        }
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    private static TimeSpan Gap(WindowLimit[] limits) => limits.Min(l => l.Window / l.Max);

    // The app gate is only ever awaited by threads already through their own gate: no limit there.
    private Gate Enter(string key, int queueLimit)
    {
        lock (_gates)
        {
            if (++_sinceSweep >= 1024) Sweep();
            if (!_gates.TryGetValue(key, out var gate)) _gates[key] = gate = new Gate();
            if (gate.Users >= queueLimit) throw new ConnectorThrottledException(TimeSpan.FromSeconds(30));
            gate.Users++;
            return gate;
        }
    }

    private void Leave(Gate gate)
    {
        lock (_gates) gate.Users--;
    }

    // Forget threads nobody is using whose log has aged out, so memory follows active threads only.
    private void Sweep()
    {
        _sinceSweep = 0;
        var now = Now;
        foreach (var key in _gates.Where(g => g.Value.Users == 0 && g.Value.IdleSince(now - Longest)).Select(g => g.Key).ToList())
        {
            // No users: nobody holds or awaits its Turn (Release comes before Leave).
            _gates[key].Dispose();
            _gates.Remove(key);
        }
    }

    // A thread's admission times, oldest first. Only the holder of Turn reads or writes Log.
    private sealed class Gate : IDisposable
    {
        public readonly SemaphoreSlim Turn = new(1, 1);
        public int Users;
        private readonly List<TimeSpan> _log = [];
        private TimeSpan _spreadNext = TimeSpan.MinValue / 2;

        public void Dispose() => Turn.Dispose();

        public bool IdleSince(TimeSpan cutoff) => _log.Count == 0 || _log[^1] <= cutoff;

        public async Task UntilFreeAsync(WindowLimit[] limits, ConnectorLimits owner, TimeSpan? maxWait, bool perThread, CancellationToken ct)
        {
            while (true)
            {
                var wait = WaitFor(limits, owner.Now, owner._margin, owner._spread);
                if (wait <= TimeSpan.Zero) return;
                if (wait > maxWait) throw new ConnectorPacedException(wait, perThread);
                await Task.Delay(wait, owner._time, ct);
            }
        }

        // A window admits one more when it holds fewer than Max calls in (now - Window, now]:
        // with the log sorted, when the Max-th most recent call is at or before now - Window.
        public TimeSpan WaitFor(WindowLimit[] limits, TimeSpan now, TimeSpan margin, bool spread)
        {
            var wait = TimeSpan.Zero;
            // Spread: one call per gap, on a schedule: a caller that woke up late (by up to half a
            // gap) does not push the next one back, so wake-up latency does not add to every gap.
            if (spread && _spreadNext - now is var gap && gap > wait) wait = gap;
            foreach (var l in limits)
                if (_log.Count >= l.Max && _log[^l.Max] + l.Window + margin - now is var w && w > wait) wait = w;
            return wait;
        }

        public void Add(TimeSpan now, TimeSpan gap)
        {
            _spreadNext = (_spreadNext > now - gap / 2 ? _spreadNext : now - gap / 2) + gap;
            _log.Add(now);
            // Keep what the longest window can still see, and never more than its Max.
            var drop = 0;
            while (drop < _log.Count && (_log[drop] <= now - Longest || _log.Count - drop > MaxLogged)) drop++;
            if (drop > 0) _log.RemoveRange(0, drop);
        }
    }
}

// No room in the thread's (PerThread) or the tenant's budget within the caller's maxWait:
// nothing was sent or counted.
internal sealed class ConnectorPacedException(TimeSpan wait, bool perThread) : Exception($"Connector budget full for {wait}")
{
    public TimeSpan Wait { get; } = wait;
    public bool PerThread { get; } = perThread;
}
