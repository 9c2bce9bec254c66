using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Digest;

internal sealed record ScoringRun(IsoWeek Week, IReadOnlyList<DigestSnapshot> Snapshots, int Computed, IReadOnlyList<long> NotEnded)
{
    // Where the time went (load, score + serialise, save), for logs and the benchmark.
    public (TimeSpan Load, TimeSpan Score, TimeSpan Save) Timings { get; init; }
}

// Scores one week for every active team (or the given ones) and stores one immutable
// snapshot per team (none for a week that ended before the team was made). A team whose week has not ended in its own zone is left for later;
// a team already scored for the week gets its stored snapshot back, not a recomputation.
internal sealed class WeeklyScoringJob(CollabDbContext db, TimeProvider time, Features.Pulse.Pseudonyms keys)
{
    public async Task<ScoringRun> RunAsync(IsoWeek week, IReadOnlyCollection<long>? teamIds = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var week_ = week.ToString();
        var teamsQuery = db.Unscoped<Team>().Where(t => t.Active);
        if (teamIds is not null) teamsQuery = teamsQuery.Where(t => teamIds.Contains(t.Id));
        // A week that ended before the team existed has nothing to score: no digest for it.
        var teams = (await teamsQuery.Select(t => new { t.Id, t.WorkspaceId, t.TimeZone, t.CreatedAt }).AsNoTracking().ToListAsync(ct))
            .Where(t => week.End(Zones.Find(t.TimeZone)) > t.CreatedAt).ToList();
        var stored = await db.Unscoped<DigestSnapshot>()
            .Where(s => s.Week == week_ && s.Model == CeiModel.Id && teamsQuery.Select(t => t.Id).Contains(s.TeamId))
            .AsNoTracking().ToListAsync(ct);
        var done = stored.Select(s => s.TeamId).ToHashSet();

        var ended = teams.Where(t => !done.Contains(t.Id) && week.End(Zones.Find(t.TimeZone)) <= now).ToList();
        var notEnded = teams.Where(t => !done.Contains(t.Id) && !ended.Contains(t)).Select(t => t.Id).ToList();
        if (ended.Count == 0) return new ScoringRun(week, stored, 0, notEnded);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Features.Pulse.RoundClosing.CloseDueAsync(db, keys, ended.Select(t => t.Id).ToList(), now, ct);
        var data = await new TeamDataLoader(db).LoadAsync(ended.Select(t => t.Id).ToList(), LoadWindow.ForWeek(week), ct);
        // Scoring is pure, so teams are scored in parallel; the order of rows is fixed after.
        var loaded = clock.Elapsed;
        var fresh = ended.AsParallel().AsOrdered().Select(t =>
        {
            var snapshot = Scorer.Score(data[t.Id], week);
            return new DigestSnapshot
            {
                WorkspaceId = t.WorkspaceId,
                TeamId = t.Id,
                Week = week_,
                Model = CeiModel.Id,
                AsOf = snapshot.AsOf,
                ComputedAt = now,
                Cei = snapshot.Cei.Score,
                Json = CollabJson.Serialize(snapshot),
            };
        }).ToList();
        var scored = clock.Elapsed;

        db.DigestSnapshots.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance stored this week first (unique team + week + model): theirs stands.
            db.ChangeTracker.Clear();
            return await RunAsync(week, teamIds, ct);
        }
        Telemetry.CollabMetrics.Scored(fresh.Count);
        return new ScoringRun(week, [.. stored, .. fresh], fresh.Count, notEnded)
        {
            Timings = (loaded, scored - loaded, clock.Elapsed - scored),
        };
    }
}
