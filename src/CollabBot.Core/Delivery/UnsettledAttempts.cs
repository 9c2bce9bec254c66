namespace CollabBot.Core.Delivery;

// Exactly once across a crash. A host can die after the platform accepted a message and
// before the row was marked sent; the row's lease then runs out and another claim would post
// it again. So every claim stamps the row (AttemptStartedAt, unless an older stamp is still
// there) and a known outcome clears the stamp. A claim that finds a stamp other than its own
// knows an earlier attempt may have reached the platform, and asks the platform first where
// the platform can answer (ISentLookup: Slack). The first attempt of a row, and every
// attempt after a known outcome, sends straight away: the normal path costs no extra call.
// Teams offers no way to find a sent activity by our key, so there the resend happens: a
// crash in the send window may show that message twice, never lose it (docs/operations.md, Delivery: the outbox).
internal static class UnsettledAttempts
{
    // Millisecond stamps survive the round trip through both providers (SQLite ticks,
    // PostgreSQL microseconds) unchanged, so a claim recognises its own stamp by equality.
    public static DateTimeOffset Stamp(DateTimeOffset now) => new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    // When the earliest attempt of unknown outcome began, or null if this claim is the first
    // since every earlier attempt ended known. Inequality, not "earlier": another host's clock
    // may run behind this one.
    public static DateTimeOffset? Earlier(OutboxMessage message, DateTimeOffset claimedAt) =>
        message.AttemptStartedAt is { } stamp && stamp != claimedAt ? stamp : null;

    public static async Task<DeliveryResult?> LookAsync(IMessenger messenger, DeliveryRequest request, DateTimeOffset since, CancellationToken ct) =>
        messenger is ISentLookup lookup ? await lookup.FindAsync(request, since, ct) : null;

    // Sent, refused for good, or refused before it was processed: the outcome is known. Paced
    // (our own budget said not yet) comes only after the lookup found nothing, or with no
    // earlier attempt at all. A timeout or 5xx (and a lookup that could not finish) leaves the
    // stamp for the next attempt.
    public static void Settle(OutboxMessage message, DeliveryResult result)
    {
        if (result is SentResult or FailedResult or PacedResult or RetryResult { MaybeDelivered: false }) message.AttemptStartedAt = null;
    }
}
