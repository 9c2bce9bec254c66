using System.Collections.Concurrent;
using System.Diagnostics;

namespace CollabBot.Benchmarks.Fanout;

// What a fake platform saw: every request, the ones it refused with 429, and every message it
// accepted, by conversation and kind ("post" or "update"), with the moment it was accepted.
internal sealed class FakeLedger
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<(string Kind, string Target), int> _delivered = new();
    private long _requests, _throttled, _lastTicks;

    public long Requests => Interlocked.Read(ref _requests);
    public long Throttled => Interlocked.Read(ref _throttled);
    public TimeSpan Now => _clock.Elapsed;
    public TimeSpan LastDelivery => TimeSpan.FromTicks(Interlocked.Read(ref _lastTicks));

    public void Request() => Interlocked.Increment(ref _requests);
    public void Refused() => Interlocked.Increment(ref _throttled);

    private readonly ConcurrentQueue<TimeSpan> _accepted = new();

    public TimeSpan FirstDelivery(TimeSpan after) => _accepted.Where(t => t >= after).DefaultIfEmpty(after).Min();

    public void Delivered(string kind, string target)
    {
        _accepted.Enqueue(_clock.Elapsed);
        _delivered.AddOrUpdate((kind, target), 1, (_, n) => n + 1);
        var now = _clock.Elapsed.Ticks;
        long last;
        while ((last = Interlocked.Read(ref _lastTicks)) < now && Interlocked.CompareExchange(ref _lastTicks, now, last) != last) { }
    }

    public int Count(string kind, string target) => _delivered.GetValueOrDefault((kind, target));
    public int Total(string kind) => _delivered.Where(d => d.Key.Kind == kind).Sum(d => d.Value);

    // Against what should have arrived: targets that got nothing, and copies beyond the first.
    public (int Lost, int Duplicated) Check(string kind, IEnumerable<string> expected)
    {
        var (lost, duplicated) = (0, 0);
        foreach (var target in expected)
        {
            var n = Count(kind, target);
            if (n == 0) lost++;
            else duplicated += n - 1;
        }
        return (lost, duplicated);
    }
}
