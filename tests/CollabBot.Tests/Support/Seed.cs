using CollabBot.Core.Storage;

namespace CollabBot.Tests.Support;

internal static class Seed
{
    // A workspace with one team of `size` members (the first is the manager).
    public static async Task<(Workspace Workspace, Team Team, List<Member> Members)> TeamAsync(
        CollabDbContext db, string externalId, int size = 3, string zone = "UTC")
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ws = new Workspace { Platform = Platform.Slack, ExternalId = externalId, Name = externalId, CreatedAt = at };
        db.Add(ws);
        await db.SaveChangesAsync();
        var team = new Team { WorkspaceId = ws.Id, Name = $"{externalId} sales", ChannelId = $"C-{externalId}", TimeZone = zone, CreatedAt = at };
        db.Add(team);
        await db.SaveChangesAsync();
        var members = Enumerable.Range(1, size).Select(i => new Member
        {
            WorkspaceId = ws.Id,
            TeamId = team.Id,
            PlatformUserId = $"U{externalId}{i}",
            DisplayName = $"Person {i}",
            SalesRole = i == 1 ? "Manager" : "AE",
            IsManager = i == 1,
            JoinedAt = at,
        }).ToList();
        db.AddRange(members);
        await db.SaveChangesAsync();
        return (ws, team, members);
    }
}
