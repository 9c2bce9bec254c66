using CollabBot.Core;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Host.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Benchmarks;

// Ids shaped like the ones Teams sends, so lengths and escaping match production.
internal static class TeamsIds
{
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static string Channel(int team) => $"19:{team:x4}c0ffee{team:x4}load@thread.tacv2";
    public static string User(int team, int member) => $"29:1{team:x4}{member:x3}LoadUserAbCdEfGhIjKlMnOpQrStUv";
    public static string Name(int team, int member) => $"Rep {team}-{member}";
}

internal static class TeamsLoadSetup
{
    // One Teams tenant: `teams` team channels of `size` members, each with an open pulse, like
    // the Slack load's workspace. Members already have the name and language the load sends, so
    // the first message from each does not turn into a profile write.
    public static async Task<(long Round, long Team)[]> SeedAsync(string db, int teams, int size)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={db}",
            ["Storage:DataDirectory"] = Path.GetDirectoryName(db),
            ["Privacy:PseudonymKey"] = SlackLoadSetup.PseudonymKey,
        }).Build();
        await using var services = new ServiceCollection().AddCollabStorage(config).AddCollabCore().BuildServiceProvider();
        await services.MigrateAsync();
        await using var scope = services.CreateAsyncScope();
        var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var now = DateTimeOffset.UtcNow;
        var ws = new Workspace { Platform = Platform.Teams, ExternalId = TeamsIds.Tenant, Name = "Load", CreatedAt = now };
        ctx.Add(ws);
        await ctx.SaveChangesAsync();
        ctx.ForWorkspace(ws.Id);
        ctx.Add(new Installation { WorkspaceId = ws.Id, Platform = Platform.Teams, InstalledBy = TeamsIds.User(0, 0), InstalledAt = now });
        var teamRows = Enumerable.Range(0, teams).Select(t => new Team { WorkspaceId = ws.Id, Name = $"Team {t}", ChannelId = TeamsIds.Channel(t), CreatedAt = now }).ToList();
        ctx.AddRange(teamRows);
        await ctx.SaveChangesAsync();
        var members = teamRows.SelectMany((team, t) => Enumerable.Range(0, size).Select(m => new Member
        {
            WorkspaceId = ws.Id,
            TeamId = team.Id,
            PlatformUserId = TeamsIds.User(t, m),
            DisplayName = TeamsIds.Name(t, m),
            Locale = "en",
            JoinedAt = now.AddDays(-30),
        })).ToList();
        ctx.AddRange(members);
        await ctx.SaveChangesAsync();
        return await LoadRounds.OpenAsync(ctx, ws, teamRows, members, now);
    }
}
