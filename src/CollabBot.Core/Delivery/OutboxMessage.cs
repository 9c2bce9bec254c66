using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Delivery;

internal enum OutboxTarget { Channel, Member }

internal enum OutboxStatus { Pending, Sending, Sent, Failed, DeadLetter }

// Something to send, written in the same transaction as the state change that caused it.
// The idempotency key is unique: the same message can be queued once and sent once.
internal sealed class OutboxMessage : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public required string IdempotencyKey { get; set; }
    public OutboxTarget TargetKind { get; set; }
    public required string Target { get; set; }
    // "post" a new message, "update" the message that UpdatesKey's row posted, or "refresh" it
    // with a card drawn when sent (PayloadJson then names the card's source: LiveCards).
    public required string Kind { get; set; }
    public string? UpdatesKey { get; set; }
    public required string PayloadJson { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? PlatformMessageId { get; set; }
    public string? Error { get; set; }
    // When the oldest attempt whose outcome is still unknown began (it may have reached the
    // platform); null once every attempt ended known. See UnsettledAttempts.
    public DateTimeOffset? AttemptStartedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // An update looks for newer updates of its message; a counter refresh for one still waiting.
        b.HasIndex(m => m.UpdatesKey);
        b.Property(m => m.IdempotencyKey).HasMaxLength(200);
        b.Property(m => m.Target).HasMaxLength(100);
        b.Property(m => m.Kind).HasMaxLength(50);
        b.Property(m => m.UpdatesKey).HasMaxLength(200);
        // Teams names a 1:1 message by its chat and activity: a personal chat's id alone is about
        // 135 characters ("a:1…"), so the pair needs room.
        b.Property(m => m.PlatformMessageId).HasMaxLength(400);
        b.Property(m => m.Error).HasMaxLength(1000);
    }
}
