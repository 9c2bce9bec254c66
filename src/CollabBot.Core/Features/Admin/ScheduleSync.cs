using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabBot.Core.Features.Admin;

// Keeps the scheduler's jobs in line with the teams: right after a handler changes a team,
// and for every team at startup and once a day, which repairs whatever a failed call left.
internal sealed class ScheduleSync(IServiceScopeFactory scopes, ITeamScheduler scheduler, ILogger<ScheduleSync>? log = null)
{
    private readonly ILogger _log = log ?? (ILogger)NullLogger.Instance;

    // Returns the number of teams that have jobs.
    public async Task<int> SyncAllAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var teams = await db.Unscoped<Team>().Include(t => t.Workspace).AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        var scheduled = 0;
        foreach (var team in teams)
        {
            if (team.Active && team.Workspace is { Active: true })
            {
                await scheduler.ApplyAsync(team.Id, TeamSchedule.For(team), ct);
                scheduled++;
            }
            else
            {
                await scheduler.RemoveAsync(team.Id, ct);
            }
        }
        return scheduled;
    }

    // The team's change is saved when this runs: a scheduler that is down must not turn the
    // user's command into an error. The daily sync applies it later.
    public async Task TeamChangedAsync(Team team, CancellationToken ct)
    {
        try
        {
            if (team.Active) await scheduler.ApplyAsync(team.Id, TeamSchedule.For(team), ct);
            else await scheduler.RemoveAsync(team.Id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.TeamJobsNotUpdated(e, team.Id);
        }
    }

    public async Task TeamsRemovedAsync(IReadOnlyList<long> teamIds, CancellationToken ct)
    {
        foreach (var id in teamIds)
        {
            try
            {
                await scheduler.RemoveAsync(id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.TeamJobsNotRemoved(e, id);
            }
        }
    }
}
