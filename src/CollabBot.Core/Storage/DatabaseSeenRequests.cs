using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Storage;

// Seen ids in the database, for hosts that share one (PostgreSQL). Claims go through the
// primary key: of two hosts inserting the same key at once exactly one succeeds. Expired keys
// are taken over in place; the table is swept of them now and then.
internal sealed class DatabaseSeenRequests(TimeProvider time) : SeenRequests
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);
    private long _nextSweepTicks;

    public override Task<SeenClaim> ClaimAsync(IServiceProvider services, string key, TimeSpan keepFor, CancellationToken ct) =>
        ClaimAsync(Db(services), key, keepFor, ct);

    public override async Task<SeenClaim> ClaimAsync(CollabDbContext db, string key, TimeSpan keepFor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
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

    public override Task CompleteAsync(IServiceProvider services, string key, string? responseJson, CancellationToken ct) =>
        Db(services).Set<SeenRequest>().Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResponseJson, responseJson), ct);

    public override Task ForgetAsync(IServiceProvider services, string key, CancellationToken ct) =>
        Db(services).Set<SeenRequest>().Where(s => s.Key == key).ExecuteDeleteAsync(ct);

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
