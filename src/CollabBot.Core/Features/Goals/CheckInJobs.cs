using CollabBot.Core.Bot;
using CollabBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Goals;

// The weekly check-in prompt: one direct message per goal owner and week.
internal sealed class CheckInJobs(IServiceScopeFactory scopes, TimeProvider time)
{
    public static string PromptKey(long memberId, IsoWeek week) => $"checkin:{memberId}:{week}:prompt";

    // Owners of goals that are running today (the team's date), still in the team, who have
    // not checked in yet this week: someone who already did needs no nudge.
    public async Task<int> PromptAsync(long teamId, CancellationToken ct = default)
    {
        await using var job = await JobScope.OpenAsync(scopes, time, teamId, ct);
        if (job is null) return 0;
        var (today, week) = (job.Today, job.Week);
        var weekStart = week.Start(job.Zone);
        var goals = await job.Db.Goals
            .Where(g => g.TeamId == teamId && !g.Archived && !g.IsTeamGoal && g.OwnerId != null && g.StartDate <= today && g.DueDate >= today)
            .Select(g => new { g.Id, Owner = g.OwnerId!.Value }).ToListAsync(ct);
        if (goals.Count == 0) return 0;
        var goalIds = goals.Select(g => g.Id).ToList();
        var checkedIn = (await job.Db.CheckIns.Where(c => goalIds.Contains(c.GoalId) && c.At >= weekStart).Select(c => c.GoalId).ToListAsync(ct)).ToHashSet();
        var perOwner = goals.GroupBy(g => g.Owner)
            .Where(o => !o.Any(g => checkedIn.Contains(g.Id)))
            .ToDictionary(o => o.Key, o => o.Count());
        var ownerIds = perOwner.Keys.ToList();
        var owners = await job.Db.Members.Where(m => ownerIds.Contains(m.Id) && m.TeamId == teamId && m.Active).OrderBy(m => m.Id).ToListAsync(ct);

        foreach (var owner in owners)
            await job.ToMemberAsync(owner, PromptKey(owner.Id, week), GoalCards.Prompt(job.TextsFor(owner), teamId, perOwner[owner.Id]));
        await job.Db.SaveChangesAsync(ct);
        return owners.Count;
    }
}
