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

    public static Task ToChannelAsync(this BotContext ctx, string key, Card card, string? updates = null) =>
        ctx.Db.QueueAsync(ctx.RequiredWorkspace.Id, key, OutboxTarget.Channel, ctx.RequiredTeam.ChannelId, card, ctx.Now, updates, ctx.Cancellation);

    public static Task ToMemberAsync(this BotContext ctx, Member to, string key, Card card) =>
        ctx.Db.QueueAsync(ctx.RequiredWorkspace.Id, key, OutboxTarget.Member, to.PlatformUserId, card, ctx.Now, null, ctx.Cancellation);

    public static async Task QueueAsync(this CollabDbContext db, long workspaceId, string key, OutboxTarget targetKind, string target,
        Card card, DateTimeOffset now, string? updates = null, CancellationToken ct = default)
    {
        if (db.Outbox.Local.Any(m => m.IdempotencyKey == key) || await db.Unscoped<OutboxMessage>().AnyAsync(m => m.IdempotencyKey == key, ct))
            return;
        db.Add(new OutboxMessage
        {
            WorkspaceId = workspaceId, IdempotencyKey = key, TargetKind = targetKind, Target = target,
            Kind = updates is null ? Post : Update, UpdatesKey = updates, PayloadJson = CollabJson.Serialize(card),
            CreatedAt = now, NextAttemptAt = now,
        });
    }
}
