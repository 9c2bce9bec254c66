using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Storage;

// An inbound delivery already taken (a Slack event_id, a Teams conversation + activity id),
// kept in the database so a platform's retry is recognised by whichever host it reaches.
// ResponseJson: what the first delivery answered, for retries that expect the same answer.
internal sealed class SeenRequest
{
    public required string Key { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? ResponseJson { get; set; }
}

internal sealed class SeenRequestConfiguration : IEntityTypeConfiguration<SeenRequest>
{
    public void Configure(EntityTypeBuilder<SeenRequest> b)
    {
        b.ToTable("SeenRequests");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(300);
        b.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed record SeenClaim(bool First, string? EarlierResponse);

// Claims go through the primary key: of two hosts inserting the same key at once exactly one
// succeeds. Expired keys are taken over in place; the table is swept of them now and then.
//
// On SQLite the keys stay in this process instead. A SQLite store has one host by design, and
// a claim there was a write transaction of its own per inbound request — synced to disk and
// queued behind every other writer — which cost the Teams path five sixths of its throughput
// (README, Teams load). What is given up: a retry arriving after a restart is handled again,
// which is at-least-once, the platforms' own contract.
internal sealed class SeenRequests(TimeProvider time)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);
    // An invoke's answer is kept for a retry that comes within minutes; the id, for the hour.
    public static readonly TimeSpan KeepAnswers = TimeSpan.FromMinutes(3);
    private readonly LocalSeenIds _local = new(KeepAnswers);
    private long _nextSweepTicks;

    // What this process holds for a SQLite store (ids, kept answers).
    public (int Ids, int Answers) HeldInProcess => _local.Count;

    // The request's services, not a context: on SQLite a claim needs no database connection,
    // and resolving a context leases one for the rest of the request (SqliteLease). A Teams
    // activity held that one besides its dispatch's own, so a burst of in-flight activities
    // passed the connections kept open and opened new ones, each preparing its queries afresh.
    public Task<SeenClaim> ClaimAsync(IServiceProvider services, string key, TimeSpan keepFor, CancellationToken ct) =>
        OneHost(services) ? Task.FromResult(_local.Claim(key, time.GetUtcNow(), keepFor)) : ClaimAsync(Db(services), key, keepFor, ct);

    public Task CompleteAsync(IServiceProvider services, string key, string? responseJson, CancellationToken ct) =>
        OneHost(services) ? CompleteHere(key, responseJson) : CompleteAsync(Db(services), key, responseJson, ct);

    public Task ForgetAsync(IServiceProvider services, string key, CancellationToken ct) =>
        OneHost(services) ? ForgetHere(key) : ForgetAsync(Db(services), key, ct);

    public async Task<SeenClaim> ClaimAsync(CollabDbContext db, string key, TimeSpan keepFor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (OneHost(db)) return _local.Claim(key, now, keepFor);
        await SweepAsync(db, now, ct);
        var row = new SeenRequest { Key = key, ExpiresAt = now + keepFor };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return new SeenClaim(true, null);
        }
        catch (DbUpdateException)
        {
            // Taken: by a live claim (a duplicate), or by one that has expired (ours now).
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
        var expiresAt = now + keepFor;
        var renewed = await db.Set<SeenRequest>().Where(s => s.Key == key && s.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, expiresAt).SetProperty(r => r.ResponseJson, (string?)null), ct);
        if (renewed == 1) return new SeenClaim(true, null);
        var earlier = await db.Set<SeenRequest>().AsNoTracking().Where(s => s.Key == key).Select(s => s.ResponseJson).FirstOrDefaultAsync(ct);
        return new SeenClaim(false, earlier);
    }

    public Task CompleteAsync(CollabDbContext db, string key, string? responseJson, CancellationToken ct) => OneHost(db)
        ? CompleteHere(key, responseJson)
        : db.Set<SeenRequest>().Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResponseJson, responseJson), ct);

    // The work failed: forget the key, so the platform's retry gets another chance.
    public Task ForgetAsync(CollabDbContext db, string key, CancellationToken ct) =>
        OneHost(db) ? ForgetHere(key) : db.Set<SeenRequest>().Where(s => s.Key == key).ExecuteDeleteAsync(ct);

    private Task CompleteHere(string key, string? responseJson)
    {
        if (responseJson is not null) _local.Answer(key, responseJson, time.GetUtcNow());
        return Task.CompletedTask;
    }

    private Task ForgetHere(string key)
    {
        _local.Forget(key);
        return Task.CompletedTask;
    }

    private static bool OneHost(CollabDbContext db) => db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;

    // The provider does not change in a process: learned from the first context, once.
    private int _oneHost;   // 0 unknown, 1 yes, 2 no

    private bool OneHost(IServiceProvider services)
    {
        if (Volatile.Read(ref _oneHost) == 0) Volatile.Write(ref _oneHost, OneHost(Db(services)) ? 1 : 2);
        return _oneHost == 1;
    }

    private static CollabDbContext Db(IServiceProvider services) => services.GetRequiredService<CollabDbContext>();

    private bool Due(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        return now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepEvery).UtcTicks, due) == due;
    }

    private async Task SweepAsync(CollabDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (Due(now)) await db.Set<SeenRequest>().Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }
}
