namespace CollabBot.Teams.Wire;

// How long the resilience handler keeps at a transient failure. Defaults follow rate-limit.md's
// example (3 retries, exponential from 2 s up to 20 s, with jitter); tests shrink them.
internal sealed record ConnectorRetryOptions
{
    public int MaxRetries { get; set; } = 3;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    // Also the longest Retry-After waited out in-process: a longer one goes back to the caller.
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    // The whole call, retries included (HttpClient.Timeout); rate-limit waits come before it.
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}
