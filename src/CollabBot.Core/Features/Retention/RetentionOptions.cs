namespace CollabBot.Core.Features.Retention;

// The Retention section: how long raw pulse answers and delivered outbox rows are kept.
internal sealed class RetentionOptions
{
    public const string Section = "Retention";
    // The weekly digest scores week W and W − 1 from raw answers; anything shorter than four
    // weeks could purge answers a digest still has to read.
    public const int MinPulseAnswerDays = 28;

    public int PulseAnswerDays { get; set; } = 400;
    public int OutboxDays { get; set; } = 30;

    public RetentionOptions Validated()
    {
        if (PulseAnswerDays < MinPulseAnswerDays)
            throw new InvalidOperationException($"Retention:PulseAnswerDays must be at least {MinPulseAnswerDays}.");
        if (OutboxDays < 1) throw new InvalidOperationException("Retention:OutboxDays must be at least 1.");
        return this;
    }
}
