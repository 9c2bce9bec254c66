using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

// The rounds answered since the last refresh, and the refresh itself: a cycle takes every
// round answered so far and makes sure its channel card has a refresh waiting in the outbox, a
// chunk of rounds at a time. A refresh draws the card when it is sent (LiveCards), so a round
// whose refresh is still waiting needs nothing: that one will show these answers too. Rounds
// answered during a cycle wait for the next request. Used by the answer writer's loop only,
// so it needs no locks.
internal sealed class AnswerCounters(IServiceScopeFactory scopes)
{
    // 16 rounds a chunk, 100 ms apart (500 rounds take ~3 s of a 5 s cycle): a chunk runs in the
    // writer's loop, so answers wait behind it. A chunk is one query, and one commit when it
    // queues refreshes: small chunks keep each wait short, and the gaps let answers through.
    private const int Chunk = 16;
    private readonly Dictionary<long, PulseAnswerJob> _answered = [];
    private readonly Queue<PulseAnswerJob> _cycle = new();
    private readonly HashSet<long> _queued = [];
    // While answers keep coming, chunks are spread out rather than run back to back: back to
    // back, a cycle over hundreds of rounds keeps answers waiting for most of a second. Real time,
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
        var keys = rounds.Select(r => PulseRounds.CardKey(r.RoundId)).ToList();
        // Only rows not yet claimed: one being sent may have drawn its card before these answers.
        var waiting = (await db.Unscoped<OutboxMessage>()
            .Where(m => m.Kind == Outbox.Refresh && m.Status == OutboxStatus.Pending && keys.Contains(m.UpdatesKey!))
            .Select(m => m.UpdatesKey!).ToListAsync()).ToHashSet();
        var due = rounds.Where(r => !waiting.Contains(PulseRounds.CardKey(r.RoundId))).ToList();
        if (due.Count == 0) return;
        // "One waiting per round" is the check above, not the key: a count can repeat (an erased
        // member's answer goes), and a repeated key would be skipped as already queued. Two hosts
        // may both queue one; the older is skipped as superseded when sent.
        await db.QueueManyAsync(due.Select(r => OutboxItem.Refreshing(r.WorkspaceId, $"pulse:{r.RoundId}:refresh:{Guid.NewGuid():N}",
            r.ChannelId, new LiveCardRef(PulseRounds.LiveChannel, r.RoundId), r.At, PulseRounds.CardKey(r.RoundId))).ToList());
        await db.SaveChangesAsync();
    }
}
