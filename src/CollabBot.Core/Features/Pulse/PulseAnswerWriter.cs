using System.Threading.Channels;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

internal sealed record PulseAnswerJob(long WorkspaceId, long RoundId, long MemberId, string Respondent, DateTimeOffset At, string? Comment,
    IReadOnlyDictionary<string, int> Values, string ChannelId, Func<int, int, Card> ChannelCard);

// Group commit for pulse answers. Answers are written by one writer that takes whatever has
// queued up (up to 100) and commits it in one transaction, so a burst of answers costs one
// commit instead of one each, and nobody waits on a lock held by another request. Each
// caller gets its answer back only after its transaction committed: acknowledged answers are
// durable. The channel card's "n of N answered" is derived state: rounds that got answers
// are refreshed at most once a second (FlushCountersAsync), one update per round.
internal sealed class PulseAnswerWriter : IAsyncDisposable
{
    private const int MaxBatch = 100;
    private readonly Channel<(PulseAnswerJob Job, TaskCompletionSource<bool> Done)> _queue = Channel.CreateUnbounded<(PulseAnswerJob, TaskCompletionSource<bool>)>();
    private readonly IServiceScopeFactory _scopes;
    private readonly Task _loop;
    private readonly Task _counters;
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, PulseAnswerJob> _dirty = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public PulseAnswerWriter(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _loop = Task.Run(LoopAsync);
        _counters = Task.Run(CountersLoopAsync);
    }

    // True when written; false when this member had already answered the round.
    public Task<bool> WriteAsync(PulseAnswerJob job)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((job, done))) done.SetException(new ObjectDisposedException(nameof(PulseAnswerWriter)));
        return done.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<(PulseAnswerJob Job, TaskCompletionSource<bool> Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                var results = await WriteBatchAsync(batch.Select(b => b.Job).ToList());
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception conflict) when (conflict is DbUpdateException or System.Data.Common.DbException && batch.Count > 1)
            {
                // Another host wrote one of these first: settle them one by one.
                foreach (var (job, done) in batch)
                    try { done.TrySetResult((await WriteBatchAsync([job]))[0]); }
                    catch (Exception e) { done.TrySetException(e); }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch) done.TrySetException(e);
            }
        }
    }

    private async Task<bool[]> WriteBatchAsync(IReadOnlyList<PulseAnswerJob> jobs)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var sql = new AnswerSql(db);
        var results = new bool[jobs.Count];
        var seen = new HashSet<(long, long)>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var j = jobs[i];
            if (!seen.Add((j.RoundId, j.MemberId))) continue;   // the same member twice in one batch: the first stands
            if (!await sql.MarkAnsweredAsync(j)) continue;
            await sql.InsertResponseAsync(j);
            results[i] = true;
        }
        await tx.CommitAsync();
        for (var i = 0; i < jobs.Count; i++)
            if (results[i]) _dirty[jobs[i].RoundId] = jobs[i];
        return results;
    }

    private async Task CountersLoopAsync()
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await tick.WaitForNextTickAsync(_stop.Token)) await FlushCountersAsync();
        }
        catch (OperationCanceledException) { }
    }

    // Queues the current "n of N answered" card for every round answered since the last flush.
    public async Task FlushCountersAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            if (_dirty.IsEmpty) return;
            var rounds = _dirty.Keys.ToList().Select(id => _dirty.TryRemove(id, out var job) ? job : null).OfType<PulseAnswerJob>().ToList();
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            var ids = rounds.Select(r => r.RoundId).ToList();
            var counts = await db.Unscoped<PulseParticipation>().Where(p => ids.Contains(p.RoundId)).GroupBy(p => p.RoundId)
                .Select(g => new { Round = g.Key, Invited = g.Count(), Answered = g.Count(p => p.AnsweredAt != null) }).ToDictionaryAsync(c => c.Round);
            foreach (var last in rounds.Where(r => counts.ContainsKey(r.RoundId)))
            {
                var c = counts[last.RoundId];
                await db.QueueAsync(last.WorkspaceId, $"pulse:{last.RoundId}:count:{c.Answered}", OutboxTarget.Channel, last.ChannelId,
                    last.ChannelCard(c.Answered, c.Invited), last.At, PulseRounds.CardKey(last.RoundId));
            }
            await db.SaveChangesAsync();
        }
        finally
        {
            _flushing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _stop.CancelAsync();
        await _counters;
        try
        {
            await FlushCountersAsync();
        }
        catch (ObjectDisposedException)
        {
            // The container is already going away: the counter is derived state and is
            // recomputed by the next answer or when the round closes.
        }
    }
}
