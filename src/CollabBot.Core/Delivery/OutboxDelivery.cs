using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Delivery;

// The outbox engine. A row is claimed by one conditional update (pending, or sending with an
// expired lease, and due), so two hosts never hold the same row; a claim is a lease, so a
// host that dies mid-send leaves the row to be picked up again, never lost. Results:
// sent → done; throttled → again after Retry-After; transient → again with exponential
// backoff and jitter; permanent (user gone, bot removed, channel archived) → failed with the
// reason; the last attempt failing → dead letter with the reason. A claim after an attempt of
// unknown outcome asks the platform first where it can (UnsettledAttempts).
internal sealed class OutboxDelivery(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxDelivery> log, DeliveryOptions? options = null)
{
    public const int MaxAttempts = 8;
    private readonly TimeSpan _lease = (options ?? new DeliveryOptions()).Lease;
    private const int Batch = 64;
    private const int Parallel = 8;

    // Delivers what is due; returns how many rows it handled.
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimedAt = UnsettledAttempts.Stamp(time.GetUtcNow());
        var claimed = await ClaimAsync(claimedAt, ct);
        await System.Threading.Tasks.Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
            async (id, token) => await DeliverAsync(id, claimedAt, token));
        return claimed.Count;
    }

    private async Task<List<long>> ClaimAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var due = await Due(db, now).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        var mine = new List<long>(due.Count);
        foreach (var id in due)
        {
            var won = await Due(db, now).Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.NextAttemptAt, now + _lease)
                .SetProperty(m => m.AttemptStartedAt, m => m.AttemptStartedAt ?? (DateTimeOffset?)now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (won == 1) mine.Add(id);
        }
        return mine;
    }

    private static IQueryable<OutboxMessage> Due(CollabDbContext db, DateTimeOffset now) =>
        db.Unscoped<OutboxMessage>().Where(m => (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) && m.NextAttemptAt <= now);

    private async Task DeliverAsync(long id, DateTimeOffset claimedAt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var message = await db.Unscoped<OutboxMessage>().SingleAsync(m => m.Id == id, ct);
        var workspace = await db.Unscoped<Workspace>().SingleAsync(w => w.Id == message.WorkspaceId, ct);
        DeliveryResult result;
        try
        {
            result = await AttemptAsync(scope.ServiceProvider, db, message, workspace, UnsettledAttempts.Earlier(message, claimedAt), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = DeliveryResult.Transient(e.GetType().Name);
            log.LogWarning(e, "Outbox message {Id} failed on attempt {Attempt}", id, message.Attempts);
        }
        Apply(message, result, time.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        Telemetry.CollabMetrics.Delivered(workspace.Platform, message.Status, result);
    }

    private async Task<DeliveryResult> AttemptAsync(IServiceProvider services, CollabDbContext db, OutboxMessage message, Workspace workspace,
        DateTimeOffset? unsettledSince, CancellationToken ct)
    {
        string? replaces = null;
        if (message.Kind == Outbox.Update)
        {
            // A newer update of the same message makes this one pointless.
            var newer = await db.Unscoped<OutboxMessage>().AnyAsync(m => m.UpdatesKey == message.UpdatesKey && m.Kind == Outbox.Update && m.Id > message.Id, ct);
            if (newer) return DeliveryResult.Sent(null);
            var original = await db.Unscoped<OutboxMessage>().Where(m => m.IdempotencyKey == message.UpdatesKey)
                .Select(m => new { m.Status, m.PlatformMessageId }).FirstOrDefaultAsync(ct);
            if (original is null || original.Status is OutboxStatus.Failed or OutboxStatus.DeadLetter)
                return DeliveryResult.Permanent("the message to update was never posted");
            if (original.Status != OutboxStatus.Sent) return DeliveryResult.RetryAfter(TimeSpan.FromSeconds(5), "waiting for the message it updates");
            replaces = original.PlatformMessageId;
        }
        var messenger = services.GetServices<IMessenger>().FirstOrDefault(m => m.Platform == workspace.Platform);
        if (messenger is null) return DeliveryResult.Permanent($"no messenger for {workspace.Platform}");
        var reference = await db.Unscoped<Installation>().Where(i => i.WorkspaceId == workspace.Id && i.ConversationRefJson != null)
            .OrderByDescending(i => i.InstalledAt).Select(i => i.ConversationRefJson).FirstOrDefaultAsync(ct);
        var request = new DeliveryRequest(message, CollabJson.Deserialize<Card>(message.PayloadJson), workspace, replaces,
            reference is null ? null : CollabJson.Deserialize<ConversationRef>(reference));
        if (unsettledSince is { } since && await UnsettledAttempts.LookAsync(messenger, request, since, ct) is { } earlier) return earlier;
        return await messenger.DeliverAsync(request, ct);
    }

    public static void Apply(OutboxMessage message, DeliveryResult result, DateTimeOffset now)
    {
        switch (result)
        {
            case SentResult sent:
                (message.Status, message.SentAt, message.PlatformMessageId, message.Error) = (OutboxStatus.Sent, now, sent.PlatformId, null);
                break;
            case FailedResult failed:
                (message.Status, message.Error) = (OutboxStatus.Failed, Cut(failed.Reason));
                break;
            case RetryResult retry when message.Attempts >= MaxAttempts:
                (message.Status, message.Error) = (OutboxStatus.DeadLetter, Cut($"gave up after {message.Attempts} attempts: {retry.Reason}"));
                break;
            case RetryResult retry:
                (message.Status, message.Error) = (OutboxStatus.Pending, Cut(retry.Reason));
                message.NextAttemptAt = now + (retry.Wait ?? Backoff(message.Attempts));
                break;
        }
        UnsettledAttempts.Settle(message, result);
    }

    // 5 s, 10 s, 20 s … capped at 30 min, ±20 % so a burst of failures does not return as one.
    public static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(5 * Math.Pow(2, Math.Max(0, attempts - 1)), 1800);
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    private static string Cut(string reason) => reason.Length <= 1000 ? reason : reason[..1000];
}

// Delivery:LeaseSeconds: how long a claimed row stays with its host before another may take
// it. Longer than any send takes; short only where a test wants a dead host's rows back soon.
internal sealed record DeliveryOptions(TimeSpan Lease)
{
    public DeliveryOptions() : this(TimeSpan.FromMinutes(2)) { }
}
