using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;

namespace CollabBot.Benchmarks;

internal static class LoadRounds
{
    // This week's pulse, open, for each seeded team, every member invited: (round, team) ids.
    public static async Task<(long Round, long Team)[]> OpenAsync(CollabDbContext ctx, Workspace ws, List<Team> teams, List<Member> members, DateTimeOffset now)
    {
        var week = Core.Scoring.IsoWeek.Containing(now, TimeZoneInfo.Utc);
        var rounds = teams.Select(team => new PulseRound
        {
            WorkspaceId = ws.Id,
            TeamId = team.Id,
            Week = week.ToString(),
            SentAt = now.AddHours(-1),
            ClosesAt = now.AddDays(2),
            Questions = PulseBank.ForWeek(week).Select((q, i) => new PulseRoundQuestion
            { WorkspaceId = ws.Id, Key = q.Key, Dimension = q.Dimension, Position = i }).ToList()
        }).ToList();
        ctx.AddRange(rounds);
        await ctx.SaveChangesAsync();
        var roundOf = rounds.ToDictionary(r => r.TeamId, r => r.Id);
        ctx.AddRange(members.Select(m => new PulseParticipation { WorkspaceId = ws.Id, RoundId = roundOf[m.TeamId], MemberId = m.Id }));
        await ctx.SaveChangesAsync();
        return [.. rounds.Select(r => (r.Id, r.TeamId))];
    }
}
