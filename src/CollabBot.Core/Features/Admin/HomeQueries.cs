using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Admin;

// The App Home's five reads, compiled once per model: the Home opens every time someone looks
// at the app, and compiled queries skip EF's preparation on each call. The workspace filter
// still applies (compiled queries keep the context's query filters).
internal static class HomeQueries
{
    internal sealed record Latest(string Week, double? Cei);

    private static readonly CompiledPerModel<Func<CollabDbContext, long, DateOnly, IAsyncEnumerable<Goal>>> GoalsOf = new(() =>
        EF.CompileAsyncQuery<CollabDbContext, long, DateOnly, Goal>((db, me, today) =>
            db.Goals.AsNoTracking().Where(g => g.OwnerId == me && !g.Archived && g.DueDate >= today).OrderBy(g => g.Id)));

    private static readonly CompiledPerModel<Func<CollabDbContext, long, DateOnly, DateTimeOffset, CancellationToken, Task<bool>>> CheckedIn = new(() =>
        EF.CompileAsyncQuery((CollabDbContext db, long me, DateOnly today, DateTimeOffset since, CancellationToken _) =>
            db.CheckIns.Any(c => c.At >= since && db.Goals.Any(g => g.Id == c.GoalId && g.OwnerId == me && !g.Archived && g.DueDate >= today))));

    private static readonly CompiledPerModel<Func<CollabDbContext, long, IAsyncEnumerable<Handoff>>> Unrated = new(() =>
        EF.CompileAsyncQuery<CollabDbContext, long, Handoff>((db, me) =>
            db.Handoffs.AsNoTracking().Where(h => h.ToId == me && !db.HandoffFeedback.Any(f => f.HandoffId == h.Id)).OrderBy(h => h.At).Take(5)));

    private static readonly CompiledPerModel<Func<CollabDbContext, long, DateTimeOffset, CancellationToken, Task<int>>> KudosSince = new(() =>
        EF.CompileAsyncQuery((CollabDbContext db, long me, DateTimeOffset since, CancellationToken _) =>
            db.KudosReceivers.Count(r => r.MemberId == me && db.Kudos.Any(k => k.Id == r.KudosId && k.At >= since))));

    private static readonly CompiledPerModel<Func<CollabDbContext, long, CancellationToken, Task<Latest?>>> LatestCei = new(() =>
        EF.CompileAsyncQuery((CollabDbContext db, long team, CancellationToken _) =>
            db.DigestSnapshots.Where(s => s.TeamId == team && s.Model == CeiModel.Id).OrderByDescending(s => s.Week)
                .Select(s => new Latest(s.Week, s.Cei)).FirstOrDefault()));

    public static async Task<List<Goal>> GoalsAsync(CollabDbContext db, long me, DateOnly today) => await ToListAsync(GoalsOf.For(db)(db, me, today));

    public static Task<bool> CheckedInAsync(CollabDbContext db, long me, DateOnly today, DateTimeOffset since, CancellationToken ct) =>
        CheckedIn.For(db)(db, me, today, since, ct);

    public static async Task<List<Handoff>> UnratedAsync(CollabDbContext db, long me) => await ToListAsync(Unrated.For(db)(db, me));

    public static Task<int> KudosAsync(CollabDbContext db, long me, DateTimeOffset since, CancellationToken ct) => KudosSince.For(db)(db, me, since, ct);

    public static Task<Latest?> CeiAsync(CollabDbContext db, long team, CancellationToken ct) => LatestCei.For(db)(db, team, ct);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows) list.Add(row);
        return list;
    }
}
