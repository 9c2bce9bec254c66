using System.Globalization;

namespace CollabBot.Benchmarks.Fanout;

// How the fake platforms decide a 429: each published limit is a budget, and a request is
// admitted only if every budget it belongs to has room, in which case it is counted in all of
// them. The fakes run on arrival time, which is what the real services see.
internal interface IFakeBudget
{
    // Zero: there is room now; otherwise how long until there would be.
    TimeSpan Wait(TimeSpan now);
    void Take(TimeSpan now);
}

// A token bucket (`perSecond` sustained, `burst` at once), kept as its next free time.
internal sealed class FakeBucket(double perSecond, int burst) : IFakeBudget
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / perSecond);
    private TimeSpan _next = TimeSpan.MinValue / 2;

    public TimeSpan Wait(TimeSpan now)
    {
        var earliest = _next - _interval * (burst - 1);
        return earliest > now ? earliest - now : TimeSpan.Zero;
    }

    public void Take(TimeSpan now) => _next = (_next > now ? _next : now) + _interval;
}

// Sliding windows: at most Max requests in any Window (every window must admit).
internal sealed class FakeWindows(params (int Max, TimeSpan Window)[] limits) : IFakeBudget
{
    private readonly List<TimeSpan> _log = [];
    private readonly TimeSpan _longest = limits.Max(l => l.Window);

    // A window (now - Window, now] has room when the Max-th most recent request is at or before now - Window.
    public TimeSpan Wait(TimeSpan now)
    {
        var wait = TimeSpan.Zero;
        foreach (var (max, window) in limits)
            if (_log.Count >= max && _log[^max] + window - now is var w && w > wait) wait = w;
        return wait;
    }

    public void Take(TimeSpan now)
    {
        _log.Add(now);
        var old = _log.FindIndex(t => t > now - _longest);
        if (old > 0) _log.RemoveRange(0, old);
    }
}

// All budgets of one fake platform, by key, made on first use.
internal sealed class FakeBudgets(TimeProvider time)
{
    private readonly Dictionary<string, IFakeBudget> _budgets = new(StringComparer.Ordinal);
    private readonly long _origin = time.GetTimestamp();

    // Zero when admitted (and counted everywhere); otherwise the longest wait among the full budgets.
    public TimeSpan Admit(params (string Key, Func<IFakeBudget> Make)[] budgets)
    {
        lock (_budgets)
        {
            var now = time.GetElapsedTime(_origin);
            var all = budgets.Select(b => _budgets.TryGetValue(b.Key, out var found) ? found : _budgets[b.Key] = b.Make()).ToList();
            var wait = all.Max(b => b.Wait(now));
            if (wait > TimeSpan.Zero) return wait;
            foreach (var b in all) b.Take(now);
            return TimeSpan.Zero;
        }
    }

    // Retry-After is whole seconds, rounded up: never earlier than the budget has room.
    public static string RetryAfter(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
