using System.Globalization;
using CollabBot.Teams.Wire;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Tests.Teams;

// The limiter runs on a fake clock that the test moves a quarter second at a time, so each
// admission is stamped with the fake moment it happened.
public sealed class ConnectorLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Clock
    {
        public readonly FakeTimeProvider Time = new(DateTimeOffset.Parse("2025-10-08T09:00:00Z", CultureInfo.InvariantCulture));
        private readonly DateTimeOffset _start;
        private readonly List<(string Key, double At)> _admitted = [];

        public Clock() => _start = Time.GetUtcNow();

        public Task Call(ConnectorLimits limits, ConnectorCall call, string key) => Task.Run(async () =>
        {
            await limits.WaitAsync(call, key, Ct);
            lock (_admitted) _admitted.Add((key, (Time.GetUtcNow() - _start).TotalSeconds));
        }, Ct);

        // Steps through the expected schedule: at each quarter second, waits until at least the
        // expected number were admitted (so a busy machine cannot make the clock run ahead of
        // them), then a little longer for any extra ones, before moving the clock on.
        public async Task<List<(string Key, double At)>> RunAsync(IReadOnlyCollection<Task> calls, Dictionary<double, int> expected)
        {
            var end = expected.Keys.Max() + 1;
            for (var t = 0.0; ; t += 0.25)
            {
                var due = expected.Where(e => e.Key <= t).Sum(e => e.Value);
                for (var waited = 0; Count() < due && waited < 5000; waited += 5) await Task.Delay(5, Ct);
                await Task.Delay(30, Ct);
                if (t >= end) break;
                Time.Advance(TimeSpan.FromSeconds(0.25));
            }
            Assert.All(calls, c => Assert.True(c.IsCompletedSuccessfully));
            lock (_admitted) return [.. _admitted];
        }

        private int Count()
        {
            lock (_admitted) return _admitted.Count;
        }
    }

    private static Dictionary<double, int> PerMoment(IEnumerable<(string Key, double At)> admitted) =>
        admitted.GroupBy(a => a.At).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task A_burst_of_twenty_sends_to_one_conversation_follows_seven_a_second_and_eight_in_two()
    {
        var clock = new Clock();
        var limits = new ConnectorLimits(clock.Time, TimeSpan.Zero, spread: false);
        var calls = Enumerable.Range(0, 20).Select(_ => clock.Call(limits, ConnectorCall.Send, "a:1ana")).ToList();
        // 7 at once (1 s window full), 1 more when it slides (2 s window full at 8), and so on.
        var expected = new Dictionary<double, int> { [0] = 7, [1] = 1, [2] = 7, [3] = 1, [4] = 4 };
        Assert.Equal(expected, PerMoment(await clock.RunAsync(calls, expected)));
    }

    [Fact]
    public async Task Two_conversations_do_not_share_a_budget()
    {
        var clock = new Clock();
        var limits = new ConnectorLimits(clock.Time, TimeSpan.Zero, spread: false);
        var calls = Enumerable.Range(0, 8).SelectMany(_ => new[]
        {
            clock.Call(limits, ConnectorCall.Send, "19:general@thread.tacv2"), clock.Call(limits, ConnectorCall.Send, "a:1ben"),
        }).ToList();
        var admitted = await clock.RunAsync(calls, new() { [0] = 14, [1] = 2 });
        foreach (var key in new[] { "19:general@thread.tacv2", "a:1ben" })
            Assert.Equal(new Dictionary<double, int> { [0] = 7, [1] = 1 }, PerMoment(admitted.Where(a => a.Key == key)));
    }

    [Fact]
    public async Task Roster_reads_have_their_own_larger_budget()
    {
        var clock = new Clock();
        var limits = new ConnectorLimits(clock.Time, TimeSpan.Zero, spread: false);
        var calls = Enumerable.Range(0, 20).Select(_ => clock.Call(limits, ConnectorCall.Members, "19:general@thread.tacv2"))
            .Append(clock.Call(limits, ConnectorCall.Send, "19:general@thread.tacv2")).ToList();
        // 14 reads and the one send at once; reads then go as 14/1 s and 16/2 s allow.
        var expected = new Dictionary<double, int> { [0] = 15, [1] = 2, [2] = 4 };
        Assert.Equal(expected, PerMoment(await clock.RunAsync(calls, expected)));
    }

    [Fact]
    public async Task The_whole_app_sends_at_most_thirty_a_second()
    {
        var clock = new Clock();
        var limits = new ConnectorLimits(clock.Time, TimeSpan.Zero, spread: false);
        var calls = Enumerable.Range(0, 45).Select(i => clock.Call(limits, ConnectorCall.Send, $"a:user{i}")).ToList();
        var expected = new Dictionary<double, int> { [0] = 30, [1] = 15 };
        Assert.Equal(expected, PerMoment(await clock.RunAsync(calls, expected)));
    }

    [Fact]
    public async Task A_runaway_queue_on_one_conversation_is_refused_instead_of_growing()
    {
        var clock = new Clock();
        var limits = new ConnectorLimits(clock.Time, TimeSpan.Zero, spread: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var calls = Enumerable.Range(0, ConnectorLimits.QueueLimit + 50).Select(_ => limits.WaitAsync(ConnectorCall.Send, "a:1ana", stop.Token)).ToList();
        Assert.Equal(7, calls.Count(c => c.IsCompletedSuccessfully));
        Assert.Equal(43, calls.Count(c => c.Exception?.InnerException is ConnectorThrottledException));
        // The ones still waiting are taken before cancelling: cancelled, they would no longer be "not completed".
        var waiting = calls.Where(c => !c.IsCompleted).ToList();
        Assert.Equal(ConnectorLimits.QueueLimit, waiting.Count);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(waiting));
        Assert.All(waiting, c => Assert.True(c.IsCanceled));
    }
}
