using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabBot.Core.Features.Retention;

internal sealed record RetentionRun(DateTimeOffset PulseCutoff, int PulseResponses, DateTimeOffset OutboxCutoff, int OutboxRows);

// The daily purge. Raw pulse answers are the responses (Likert values and comments); they go
// a round at a time, once the round closed more than PulseAnswerDays ago, so every purged
// answer is older than that and no round is left half answered for a later rescoring. Kept:
// the round, its questions and its participation rows (who was asked and whether they
// answered — the response rate, no answer in them), and the digest snapshots, which hold
// every figure the digests show. Delivered (Sent) outbox rows go after OutboxDays, unless an
// update still waiting to be delivered needs the platform id of the message they posted;
// failed and dead-lettered rows stay for the deliveries ledger. Deletes run in batches, each
// its own short statement, so a large first purge never holds a long lock.
internal sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider time, RetentionOptions options, ILogger<RetentionJob>? log = null)
{
    private readonly ILogger _log = log ?? (ILogger)NullLogger.Instance;
    public const int Batch = 500;

    public async Task<RetentionRun> PurgeAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var pulseCutoff = now.AddDays(-options.PulseAnswerDays);
        var outboxCutoff = now.AddDays(-options.OutboxDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var responses = await PurgeResponsesAsync(db, pulseCutoff, ct);
        var outbox = await PurgeOutboxAsync(db, outboxCutoff, ct);
        CollabMetrics.Purged(responses, outbox);
        _log.RetentionPurged(responses, pulseCutoff, outbox, outboxCutoff);
        return new RetentionRun(pulseCutoff, responses, outboxCutoff, outbox);
    }

    private static async Task<int> PurgeResponsesAsync(CollabDbContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        var expired = db.Unscoped<PulseResponse>()
            .Where(r => db.Unscoped<PulseRound>().Any(round => round.Id == r.RoundId && round.ClosesAt < cutoff));
        var total = 0;
        while (true)
        {
            var ids = await expired.OrderBy(r => r.Id).Select(r => r.Id).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0) return total;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Unscoped<PulseAnswer>().Where(a => ids.Contains(a.ResponseId)).ExecuteDeleteAsync(ct);
            total += await db.Unscoped<PulseResponse>().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            if (ids.Count < Batch) return total;
        }
    }

    private static async Task<int> PurgeOutboxAsync(CollabDbContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        var outbox = db.Unscoped<OutboxMessage>();
        var expired = outbox.Where(m => m.Status == OutboxStatus.Sent && m.SentAt < cutoff
            && !outbox.Any(u => u.UpdatesKey == m.IdempotencyKey && (u.Status == OutboxStatus.Pending || u.Status == OutboxStatus.Sending)));
        var total = 0;
        while (true)
        {
            var batch = expired.OrderBy(m => m.Id).Select(m => m.Id).Take(Batch);
            var deleted = await outbox.Where(m => batch.Contains(m.Id)).ExecuteDeleteAsync(ct);
            total += deleted;
            if (deleted < Batch) return total;
        }
    }
}
