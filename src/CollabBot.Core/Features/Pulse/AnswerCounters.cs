using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

// The rounds answered since the last refresh, and the refresh itself: a cycle takes every
// round answered so far and queues each one's current "n of N answered" card, a chunk of
// rounds at a time. Rounds answered during a cycle wait for the next request. Used by the answer
// writer's loop only, so it needs no locks.
internal sealed class AnswerCounters(IServiceScopeFactory scopes)
{
    // 16 rounds a chunk, one commit each, 100 ms apart (500 rounds take ~3 s of a 5 s cycle):
    // a chunk runs in the writer's loop, so answers wait behind it. 8 a chunk back to back was 63
    // synced commits in a row; 64 a chunk, 250 ms apart, held answers ~50 ms each time.
    private const int Chunk = 16;
    private readonly Dictionary<long, PulseAnswerJob> _answered = [];
    private readonly Queue<PulseAnswerJob> _cycle = new();
    private readonly HashSet<long> _queued = [];
    // While answers keep coming, chunks are spread out rather than run back to back: a cycle
    // over hundreds of rounds had answers waiting behind it for most of a second. Real time,
    // not the injected clock: this paces work, it decides nothing.
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(100);
    private long _nextChunkAt;

    public TimeSpan UntilNextChunk => TimeSpan.FromMilliseconds(Math.Max(0, _nextChunkAt - Environment.TickCount64));

    public bool Pending => _cycle.Count > 0;

    public void Answered(PulseAnswerJob last) => _answered[last.RoundId] = last;

    // Also while a cycle runs: whoever asks for a refresh sees every answer written before.
    // A round already waiting in the cycle is not queued twice: its count is read when its chunk goes.
    public void StartCycle()
    {
        foreach (var job in _answered.Values)
            if (_queued.Add(job.RoundId)) _cycle.Enqueue(job);
        _answered.Clear();
    }

    // A failed refresh is not retried: the counter is derived, the next answer marks the round again.
    public void Abandon()
    {
        _cycle.Clear();
        _queued.Clear();
    }

    public async Task FlushChunkAsync()
    {
        _nextChunkAt = Environment.TickCount64 + (long)Spacing.TotalMilliseconds;
        var rounds = new List<PulseAnswerJob>(Chunk);
        while (rounds.Count < Chunk && _cycle.TryDequeue(out var job))
        {
            rounds.Add(job);
            _queued.Remove(job.RoundId);
        }
        if (rounds.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var ids = rounds.Select(r => r.RoundId).ToList();
        var counts = await db.Unscoped<PulseParticipation>().Where(p => ids.Contains(p.RoundId)).GroupBy(p => p.RoundId)
            .Select(g => new { Round = g.Key, Invited = g.Count(), Answered = g.Count(p => p.AnsweredAt != null) }).ToDictionaryAsync(c => c.Round);
        await db.QueueManyAsync(rounds.Where(r => counts.ContainsKey(r.RoundId)).Select(last =>
        {
            var c = counts[last.RoundId];
            return new OutboxItem(last.WorkspaceId, $"pulse:{last.RoundId}:count:{c.Answered}", OutboxTarget.Channel, last.ChannelId,
                last.ChannelCard(c.Answered, c.Invited), last.At, PulseRounds.CardKey(last.RoundId));
        }).ToList());
        await db.SaveChangesAsync();
    }
}
