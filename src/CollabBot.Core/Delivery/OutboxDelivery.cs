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
// reason; the last attempt failing → dead letter with the reason; paced (our own budget for
// the platform is full) → back in the queue for the wait, not counted as an attempt. A claim
// after an attempt of unknown outcome asks the platform first where it can (UnsettledAttempts).
//
// Pacing: the platforms limit per workspace (tenant) and per conversation, so the claim takes
// workspaces in turn (each one's oldest rows first, one row per conversation) and skips what
// was paced lately, and workers are topped up as they finish rather than batch by batch: a
// workspace at its limit never holds the others' messages behind it.
internal sealed class OutboxDelivery(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxDelivery> log, DeliveryOptions? options = null)
{
    public const int MaxAttempts = 8;
    private readonly TimeSpan _lease = (options ?? new DeliveryOptions()).Lease;
    // Deliveries in flight; most of them are waiting (for the network or a rate-limit slot).
    private const int Parallel = 64;
    // Claim again once this many have finished (a claim is a few queries: not one per delivery).
    private const int Refill = 16;
    // A pace ending this soon is waited for here rather than handed back to the pump's idle wait.
    private static readonly TimeSpan PaceHold = TimeSpan.FromSeconds(2);
    private readonly PacedTargets _paced = new();
    private long _lastServed;

    private sealed record Claimed(long Id, long WorkspaceId, string Target, DateTimeOffset ClaimedAt);

    // Delivers what is due, including what falls due while it runs; returns how many rows it handled.
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        // A list, not a dictionary by task: deliveries that finish synchronously share one cached Task.
        var running = new List<(Task Task, (long, string) Target)>();
        var total = 0;
        try
        {
            while (true)
            {
                if (running.Count <= Parallel - Refill)
                {
                    var claimed = await ClaimAsync(Parallel - running.Count, [.. running.Select(r => r.Target)], ct);
                    foreach (var row in claimed) running.Add((DeliverAsync(row.Id, row.ClaimedAt, ct), (row.WorkspaceId, row.Target)));
                    total += claimed.Count;
                }
                if (running.Count == 0)
                {
                    if (_paced.Soonest() is not { } next || next - time.GetUtcNow() > PaceHold) return total;
                    if (next > time.GetUtcNow()) await Task.Delay(next - time.GetUtcNow(), time, ct);
                    continue;
                }
                var done = await Task.WhenAny(running.Select(r => r.Task));
                running.RemoveAt(running.FindIndex(r => r.Task == done));
                await done;
            }
        }
        finally
        {
            // A failed delivery ends the run (the pump logs it); the others still finish first.
            try { await Task.WhenAll(running.Select(r => r.Task)); } catch (Exception) { }
        }
    }

    private async Task<List<Claimed>> ClaimAsync(int count, HashSet<(long, string)> busy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var now = UnsettledAttempts.Stamp(time.GetUtcNow());
        var (pacedWorkspaces, pacedTargets) = _paced.At(now);
        var open = Due(db, now).Where(m => !pacedWorkspaces.Contains(m.WorkspaceId) && !pacedTargets.Contains(m.Target));
        var workspaces = await open.Select(m => m.WorkspaceId).Distinct().OrderBy(w => w).ToListAsync(ct);
        // More workspaces than slots: start after the one served last, so each gets its turn.
        var served = workspaces.Where(w => w > _lastServed).Concat(workspaces.Where(w => w <= _lastServed)).Take(count).ToList();
        if (served.Count > 0) _lastServed = served[^1];
        var perWorkspace = count / Math.Max(1, served.Count) + 2;
        var due = new List<Claimed>();
        foreach (var w in served)
            due.AddRange(await open.Where(m => m.WorkspaceId == w).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(perWorkspace)
                .Select(m => new Claimed(m.Id, m.WorkspaceId, m.Target, now)).ToListAsync(ct));
        // Round-robin: every workspace's first row, then every second one, and so on.
        var turns = due.GroupBy(m => m.WorkspaceId)
            .SelectMany(g => g.DistinctBy(m => m.Target).Where(m => !busy.Contains((m.WorkspaceId, m.Target))).Select((m, turn) => (m, turn)))
            .OrderBy(x => x.turn).Take(count).Select(x => x.m).ToList();
        var won = new HashSet<long>();
        // One transaction for the batch (one commit), each row still taken by its own conditional
        // update; in id order, so two hosts claiming at once lock rows in the same order (no deadlock).
        // A target another host is sending to (a row in Sending whose lease is live) is left
        // alone, as `busy` leaves this host's own: its messages, and the updates of one message,
        // go out in order.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in turns.OrderBy(r => r.Id))
        {
            var taken = await Due(db, now).Where(m => m.Id == row.Id && !db.Unscoped<OutboxMessage>().Any(o =>
                    o.WorkspaceId == m.WorkspaceId && o.Target == m.Target && o.Status == OutboxStatus.Sending && o.NextAttemptAt > now))
                .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.NextAttemptAt, now + _lease)
                .SetProperty(m => m.AttemptStartedAt, m => m.AttemptStartedAt ?? (DateTimeOffset?)now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (taken == 1) won.Add(row.Id);
        }
        await tx.CommitAsync(ct);
        return turns.Where(r => won.Contains(r.Id)).ToList();   // started in turn order
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
            log.OutboxAttemptFailed(e, id, message.Attempts);
        }
        var now = time.GetUtcNow();
        Apply(message, result, now);
        if (result is PacedResult paced) _paced.Add(message.WorkspaceId, message.Target, paced, now);
        await db.SaveChangesAsync(CancellationToken.None);
        Telemetry.CollabMetrics.Delivered(workspace.Platform, message.Status, result);
    }

    private async Task<DeliveryResult> AttemptAsync(IServiceProvider services, CollabDbContext db, OutboxMessage message, Workspace workspace,
        DateTimeOffset? unsettledSince, CancellationToken ct)
    {
        string? replaces = null;
        if (Outbox.IsUpdate(message.Kind))
        {
            // A newer update of the same message makes this one pointless.
            var newer = await db.Unscoped<OutboxMessage>().AnyAsync(m => m.UpdatesKey == message.UpdatesKey
                && (m.Kind == Outbox.Update || m.Kind == Outbox.Refresh) && m.Id > message.Id, ct);
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
        var card = await LiveCards.CardAsync(services, db, message, time.GetUtcNow(), ct);
        if (card is null) return DeliveryResult.Permanent("the card's source has nothing to show (deleted?)");
        var request = new DeliveryRequest(message, card, message.Kind == Outbox.Refresh ? CollabJson.Serialize(card) : message.PayloadJson,
            workspace, replaces, reference is null ? null : CollabJson.Deserialize<ConversationRef>(reference));
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
            case PacedResult paced:
                // Nothing went to the platform: the claim's attempt is given back. The row is due
                // again once its slot is within Pacing.MaxWait, so the budget never runs dry waiting
                // for the row to be claimed again.
                (message.Status, message.Attempts) = (OutboxStatus.Pending, Math.Max(0, message.Attempts - 1));
                message.NextAttemptAt = now + PacedFor(paced);
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

    public static TimeSpan PacedFor(PacedResult paced) => paced.Wait > Pacing.MaxWait ? paced.Wait - Pacing.MaxWait : TimeSpan.Zero;

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
