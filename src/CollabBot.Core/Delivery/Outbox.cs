using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Delivery;

// Queues outbound messages in the caller's unit of work, so a message exists exactly when
// the state change that caused it was committed. The idempotency key makes queuing twice
// (a retried request, a re-run job) a no-op.
internal static class Outbox
{
    public const string Post = "post";
    public const string Update = "update";
    // An update whose card is drawn when it is sent (LiveCards).
    public const string Refresh = "refresh";

    public static bool IsUpdate(string kind) => kind is Update or Refresh;

    public static Task ToChannelAsync(this BotContext ctx, string key, Card card, string? updates = null) =>
        ctx.Db.QueueAsync(ctx.RequiredWorkspace.Id, key, OutboxTarget.Channel, ctx.RequiredTeam.ChannelId, card, ctx.Now, updates, ctx.Cancellation);

    public static Task ToMemberAsync(this BotContext ctx, Member to, string key, Card card) =>
        ctx.Db.QueueAsync(ctx.RequiredWorkspace.Id, key, OutboxTarget.Member, to.PlatformUserId, card, ctx.Now, null, ctx.Cancellation);

    public static Task QueueAsync(this CollabDbContext db, long workspaceId, string key, OutboxTarget targetKind, string target,
        Card card, DateTimeOffset now, string? updates = null, CancellationToken ct = default) =>
        db.QueueManyAsync([new OutboxItem(workspaceId, key, targetKind, target, card, now, updates)], ct);

    // One query for the keys already queued, whatever the count: a flush of many counters
    // must not cost a round trip each.
    public static async Task QueueManyAsync(this CollabDbContext db, IReadOnlyList<OutboxItem> items, CancellationToken ct = default)
    {
        if (items.Count == 0) return;
        var keys = items.Select(i => i.Key).ToList();
        var taken = (await db.Unscoped<OutboxMessage>().Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        taken.UnionWith(QueuedHere(db));
        foreach (var i in items)
        {
            if (!taken.Add(i.Key)) continue;
            db.Add(new OutboxMessage
            {
                WorkspaceId = i.WorkspaceId,
                IdempotencyKey = i.Key,
                TargetKind = i.TargetKind,
                Target = i.Target,
                Kind = i.Live is not null ? Refresh : i.Updates is null ? Post : Update,
                UpdatesKey = i.Updates,
                PayloadJson = i.Live is { } live ? CollabJson.Serialize(live)
                    : CollabJson.Serialize(i.Card ?? throw new ArgumentException($"outbox item {i.Key} has neither a card nor a live source")),
                CreatedAt = i.Now,
                NextAttemptAt = i.Now,
            });
        }
    }

    // Rows added to this unit of work but not saved yet. Added rows are never edited before
    // the save, so the change detector (a walk over every tracked entity) is not needed.
    private static List<string> QueuedHere(CollabDbContext db)
    {
        var auto = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.Outbox.Local.Select(m => m.IdempotencyKey).ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }
}

internal sealed record OutboxItem(long WorkspaceId, string Key, OutboxTarget TargetKind, string Target, Card? Card, DateTimeOffset Now, string? Updates = null)
{
    // Set instead of Card: the update is drawn by this source when it is sent.
    public LiveCardRef? Live { get; init; }

    public static OutboxItem Refreshing(long workspaceId, string key, string channel, LiveCardRef live, DateTimeOffset now, string updates) =>
        new(workspaceId, key, OutboxTarget.Channel, channel, null, now, updates) { Live = live };
}
