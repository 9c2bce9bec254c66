using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

internal enum PulseAnswerResult { Written, AlreadyAnswered, Closed }

// Mark: the person's Pseudonyms.Mark for the round; Sealed: the answer itself (SealedAnswer).
internal sealed record PulseAnswerJob(long WorkspaceId, long RoundId, long MemberId, string Mark, DateTimeOffset At, int Hour, byte[] Sealed,
    string ChannelId);

// Group commit for pulse answers. Answers are written by one writer that takes whatever has
// queued up (up to 100) and commits it in one transaction, so a burst of answers costs one
// commit instead of one each, and nobody waits on a lock held by another request. Each
// caller gets its answer back only after its transaction committed: acknowledged answers are
// durable. The channel card's "n of N answered" is derived state: every 5 s the same loop
// makes sure each round that got answers has a refresh of its card waiting (AnswerCounters) —
// a second writer on SQLite would only wait for the first one's lock.
internal sealed class PulseAnswerWriter : IAsyncDisposable
{
    private const int MaxBatch = 100;
    private static readonly TimeSpan CounterInterval = TimeSpan.FromSeconds(5);
    private Task<bool>? _arrival;   // the loop's wait for the next answer, while one is out
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new() { SingleReader = true });
    private readonly Func<Task<AnswerSql>> _open;
    private readonly TimeProvider _time;
    private readonly Task _loop;
    private readonly Task _ticks;
    private readonly CancellationTokenSource _stop = new();
    private readonly AnswerCounters _counters;   // touched by the loop only
    private AnswerSql? _sql;                       // the loop's own connection, kept between batches

    // An answer to write, or (Job null) a request to flush the counters.
    private sealed record Item(PulseAnswerJob? Job, TaskCompletionSource<PulseAnswerResult> Done);

    public PulseAnswerWriter(IServiceScopeFactory scopes, IAnswerDialect dialect, TimeProvider time)
    {
        (_open, _time, _counters) = (() => AnswerSql.OpenAsync(scopes, dialect), time, new AnswerCounters(scopes));
        // Its commits wait on the disk: a thread of its own, not one of the pool's few (LoopThread).
        _loop = LoopThread.Start("collabbot-answer-writer", LoopAsync);
        _ticks = Task.Run(TickAsync);
    }

    // Whether the round was still open and the member had not answered it yet is decided
    // here, inside the transaction, so a stale read by the caller cannot let an answer in.
    public Task<PulseAnswerResult> WriteAsync(PulseAnswerJob job) => Enqueue(job);

    // Queues the current "n of N answered" card for every round answered since the last flush.
    public Task FlushCountersAsync() => Enqueue(null);

    private Task<PulseAnswerResult> Enqueue(PulseAnswerJob? job)
    {
        var done = new TaskCompletionSource<PulseAnswerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new(job, done))) done.SetException(new ObjectDisposedException(nameof(PulseAnswerWriter)));
        return done.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Item>(MaxBatch);
        var waiters = new List<TaskCompletionSource<PulseAnswerResult>>();
        while (true)
        {
            // Counter refreshes go out a chunk of rounds at a time between answer batches, at
            // most one chunk per AnswerCounters.Spacing, so a refresh of hundreds of rounds never holds
            // answers up for long.
            if (_counters.Pending && !_queue.Reader.TryPeek(out _))
            {
                if (_counters.UntilNextChunk is { Ticks: > 0 } pause)
                {
                    // Not yet: an answer arriving meanwhile goes first. The wait is kept across
                    // turns of the loop — the channel has a single reader, one wait at a time.
                    var arrived = NextArrival();
                    await Task.WhenAny(arrived, Task.Delay(pause));
                    if (arrived.IsCompleted)
                    {
                        _arrival = null;
                        if (!await arrived) break;
                    }
                    continue;
                }
                await FlushChunkAsync(waiters);
                continue;
            }
            var more = await NextArrival();
            _arrival = null;
            if (!more) break;
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                if (item.Job is not null) batch.Add(item);
                else
                {
                    waiters.Add(item.Done);
                    _counters.StartCycle();
                }
            }
            if (batch.Count > 0) await SettleAsync(batch);
            if (_counters.Pending && (batch.Count == 0 || _counters.UntilNextChunk <= TimeSpan.Zero)) await FlushChunkAsync(waiters);
            else if (!_counters.Pending) CompleteWaiters(waiters, null);
        }
        CompleteWaiters(waiters, null);
    }

    private Task<bool> NextArrival() => _arrival ??= _queue.Reader.WaitToReadAsync().AsTask();

    private async Task FlushChunkAsync(List<TaskCompletionSource<PulseAnswerResult>> waiters)
    {
        try
        {
            await _counters.FlushChunkAsync();
            if (!_counters.Pending) CompleteWaiters(waiters, null);
        }
        catch (Exception e)
        {
            _counters.Abandon();
            CompleteWaiters(waiters, e);
        }
    }

    private static void CompleteWaiters(List<TaskCompletionSource<PulseAnswerResult>> waiters, Exception? error)
    {
        foreach (var w in waiters)
            if (error is null) w.TrySetResult(PulseAnswerResult.Written);
            else w.TrySetException(error);
        waiters.Clear();
    }

    private async Task SettleAsync(List<Item> batch)
    {
        try
        {
            var results = await WriteBatchAsync(batch.Select(b => b.Job!).ToList());
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
        catch (Exception conflict) when (conflict is DbUpdateException or System.Data.Common.DbException && batch.Count > 1)
        {
            // Another host wrote one of these first: settle them one by one.
            foreach (var (job, done) in batch)
                try { done.TrySetResult((await WriteBatchAsync([job!]))[0]); }
                catch (Exception e) { done.TrySetException(e); }
        }
        catch (Exception e)
        {
            foreach (var b in batch) b.Done.TrySetException(e);
        }
    }

    private async Task<PulseAnswerResult[]> WriteBatchAsync(List<PulseAnswerJob> jobs)
    {
        var sql = _sql ??= await _open();
        PulseAnswerResult[] results;
        try
        {
            results = await sql.WriteAsync(jobs);
        }
        catch
        {
            // Start over on a fresh connection: the failed one may be broken.
            _sql = null;
            await sql.DisposeAsync();
            throw;
        }
        for (var i = 0; i < jobs.Count; i++)
            if (results[i] == PulseAnswerResult.Written) _counters.Answered(jobs[i]);
        return results;
    }

    private async Task TickAsync()
    {
        using var tick = new PeriodicTimer(CounterInterval, _time);
        try
        {
            while (await tick.WaitForNextTickAsync(_stop.Token)) await FlushCountersAsync();
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticks;
        try
        {
            var last = FlushCountersAsync();
            _queue.Writer.TryComplete();
            await _loop;
            await last;
            if (_sql is not null) await _sql.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // The container is already going away: the counter is derived state and is
            // recomputed by the next answer or when the round closes.
        }
    }
}
