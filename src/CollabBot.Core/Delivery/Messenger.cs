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

// Updates name the platform id of the message they replace. Reference is the conversation
// reference captured at install (Teams needs its service URL and tenant).
internal sealed record DeliveryRequest(OutboxMessage Message, Card Card, Workspace Workspace, string? Replaces, ConversationRef? Reference);

internal abstract record DeliveryResult
{
    public static DeliveryResult Sent(string? platformId) => new SentResult(platformId);
    public static DeliveryResult RetryAfter(TimeSpan wait, string reason) => new RetryResult(wait, reason);
    public static DeliveryResult Transient(string reason) => new RetryResult(null, reason);
    public static DeliveryResult Permanent(string reason) => new FailedResult(reason);
    public static DeliveryResult NotYet(TimeSpan wait, PaceScope scope) => new PacedResult(wait, scope);
}

internal sealed record SentResult(string? PlatformId) : DeliveryResult;

// Wait null: back off exponentially from the attempt count.
internal sealed record RetryResult(TimeSpan? Wait, string Reason) : DeliveryResult;

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
