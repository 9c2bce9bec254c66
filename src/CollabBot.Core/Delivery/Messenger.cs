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
    // The platform said to wait (429 with Retry-After): a retry, counted apart in the metrics.
    public static DeliveryResult Throttled(TimeSpan wait, string reason) => new RetryResult(wait, reason) { Throttle = true };
    public static DeliveryResult Transient(string reason) => new RetryResult(null, reason);
    public static DeliveryResult Permanent(string reason) => new FailedResult(reason);
}

internal sealed record SentResult(string? PlatformId) : DeliveryResult;

// Wait null: back off exponentially from the attempt count.
internal sealed record RetryResult(TimeSpan? Wait, string Reason) : DeliveryResult
{
    public bool Throttle { get; init; }
}

internal sealed record FailedResult(string Reason) : DeliveryResult;
