using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Delivery;

// One platform's way of putting an outbox message in front of people. Implemented by each
// adapter (Slack, Teams); the delivery engine decides when, how often and what a failure means.
internal interface IMessenger
{
    Platform Platform { get; }
    Task<DeliveryResult> DeliverAsync(DeliveryRequest request, CancellationToken ct);
}

// A platform that can tell whether a message carrying our idempotency key was already posted
// (Slack: message metadata, read back through conversations.history). Answers the earlier
// post as Sent, null when there is none, or a retry when it could not look.
internal interface ISentLookup
{
    Task<DeliveryResult?> FindAsync(DeliveryRequest request, DateTimeOffset since, CancellationToken ct);
}

// Updates name the platform id of the message they replace. Reference is the conversation
// reference captured at install (Teams needs its service URL and tenant). CardJson is Card as
// stored (or, for a refresh, as drawn just now).
internal sealed record DeliveryRequest(OutboxMessage Message, Card Card, string CardJson, Workspace Workspace, string? Replaces, ConversationRef? Reference)
{
    public bool IsUpdate => Outbox.IsUpdate(Message.Kind);
}

internal abstract record DeliveryResult
{
    public static DeliveryResult Sent(string? platformId) => new SentResult(platformId);
    // Refused before it was processed (waiting for another message): surely not delivered.
    public static DeliveryResult RetryAfter(TimeSpan wait, string reason) => new RetryResult(wait, reason, MaybeDelivered: false);
    // The platform said to wait (429 with Retry-After), before processing: a retry, counted apart in the metrics.
    public static DeliveryResult Throttled(TimeSpan wait, string reason) => new RetryResult(wait, reason, MaybeDelivered: false) { Throttle = true };
    // A timeout, 5xx or dropped connection: the platform may have acted on it.
    public static DeliveryResult Transient(string reason) => new RetryResult(null, reason, MaybeDelivered: true);
    public static DeliveryResult Unresolved(TimeSpan? wait, string reason) => new RetryResult(wait, reason, MaybeDelivered: true);
    public static DeliveryResult Permanent(string reason) => new FailedResult(reason);
    public static DeliveryResult NotYet(TimeSpan wait, PaceScope scope) => new PacedResult(wait, scope);
}

internal sealed record SentResult(string? PlatformId) : DeliveryResult;

// Wait null: back off exponentially from the attempt count. MaybeDelivered: the outcome is
// unknown, so the next attempt looks before it sends again (UnsettledAttempts).
internal sealed record RetryResult(TimeSpan? Wait, string Reason, bool MaybeDelivered) : DeliveryResult
{
    public bool Throttle { get; init; }
}

internal sealed record FailedResult(string Reason) : DeliveryResult;

// Our own rate budget for the platform has no slot within Pacing.MaxWait: nothing was sent, so
// this is no attempt; the row goes back to the queue for the wait. Scope says whether the whole
// workspace (tenant) is out of budget or only this conversation, so the engine claims other
// work meanwhile instead of queuing more behind it.
internal sealed record PacedResult(TimeSpan Wait, PaceScope Scope) : DeliveryResult;

internal enum PaceScope { Workspace, Target }

internal static class Pacing
{
    // Longest a delivery waits in-process for a rate-limit slot; beyond, the messenger answers NotYet.
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
}
