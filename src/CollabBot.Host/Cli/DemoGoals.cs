using CollabBot.Core.Features.Goals;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Host.Cli;

internal static class DemoGoals
{
    // One quarter-long goal per rep, most of them linked to the team's target.
    public static async Task SeedAsync(CollabDbContext db, Team team, List<Member> members, List<IsoWeek> weeks, CancellationToken ct)
    {
        var existing = await db.Goals.FirstOrDefaultAsync(g => g.TeamId == team.Id && g.IsTeamGoal, ct);
        if (existing is not null) return;
        var start = weeks[0].Monday.AddDays(-14);
        var teamGoal = new Goal
        {
            WorkspaceId = team.WorkspaceId,
            TeamId = team.Id,
            IsTeamGoal = true,
            Title = "Quarterly bookings",
            Metric = "$k",
            Target = 2000,
            StartDate = start,
            DueDate = weeks[^1].Monday.AddDays(30),
            CreatedAt = weeks[0].Start(TimeZoneInfo.Utc)
        };
        db.Add(teamGoal);
        await db.SaveChangesAsync(ct);
        foreach (var m in members.Where(m => !m.IsManager))
        {
            var (title, target) = m.SalesRole switch { "SDR" => ("Qualified meetings", 45.0), "AE" => ("Pipeline won ($k)", 600.0), _ => ("Renewals closed", 14.0) };
            db.Add(new Goal
            {
                WorkspaceId = team.WorkspaceId,
                TeamId = team.Id,
                OwnerId = m.Id,
                Title = $"{title} — {m.DisplayName.Split(' ')[0]}",
                Target = target,
                StartDate = start,
                DueDate = teamGoal.DueDate,
                CreatedAt = teamGoal.CreatedAt,
                ParentGoalId = m.DisplayName.StartsWith("Tom", StringComparison.Ordinal) ? null : teamGoal.Id
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
