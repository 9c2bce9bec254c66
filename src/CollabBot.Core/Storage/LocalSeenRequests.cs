namespace CollabBot.Core.Storage;

// The seen ids of a single host (SQLite store), kept in this process. A SQLite store has one
// host by design, and a claim in the database would be a write transaction of its own per
// inbound request, synced to disk and queued behind every other writer (docs/benchmarks.md,
// Teams activities under load). What is given up: a retry arriving after a restart is handled
// again, which is at-least-once, the platforms' own contract.
internal sealed class LocalSeenRequests(TimeProvider time) : SeenRequests
{
    // An invoke's answer is kept for a retry that comes within minutes; the id, for as long as asked.
    public static readonly TimeSpan KeepAnswers = TimeSpan.FromMinutes(3);
    private readonly LocalSeenIds _ids = new(KeepAnswers);

    public override Task<SeenClaim> ClaimAsync(IServiceProvider services, string key, TimeSpan keepFor, CancellationToken ct) =>
        Task.FromResult(_ids.Claim(key, time.GetUtcNow(), keepFor));

    public override Task<SeenClaim> ClaimAsync(CollabDbContext db, string key, TimeSpan keepFor, CancellationToken ct) =>
        Task.FromResult(_ids.Claim(key, time.GetUtcNow(), keepFor));

    public override Task CompleteAsync(IServiceProvider services, string key, string? responseJson, CancellationToken ct)
    {
        if (responseJson is not null) _ids.Answer(key, responseJson, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public override Task ForgetAsync(IServiceProvider services, string key, CancellationToken ct)
    {
        _ids.Forget(key);
        return Task.CompletedTask;
    }
}
