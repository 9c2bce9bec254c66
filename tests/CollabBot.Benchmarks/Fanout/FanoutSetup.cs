using System.Globalization;
using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Host;
using CollabBot.Host.Storage;
using CollabBot.Slack;
using CollabBot.Slack.Install;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabBot.Benchmarks.Fanout;

// One platform's installs for the fan-out: `channels` teams of `size` members spread round-robin
// over `workspaces` Slack workspaces (Teams tenants), each installed the way the host finds it:
// Slack with its own bot token, encrypted with the host's data-protection keys; Teams with the
// conversation reference (service URL, tenant) captured at install.
internal sealed record FanoutTeam(long TeamId, string Workspace, string Channel, string[] Members);

internal static class FanoutSetup
{
    public static ServiceProvider Services(string db, string dir) =>
        new ServiceCollection()
            .AddCollabStorage(Config(db, dir))
            .AddCollabDataProtection(Config(db, dir))
            .AddCollabCore()
            .AddLogging()
            .BuildServiceProvider();

    private static IConfiguration Config(string db, string dir) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = $"Data Source={db}",
        ["Storage:DataDirectory"] = dir,
        ["Privacy:PseudonymKey"] = SlackLoadSetup.PseudonymKey,
    }).Build();

    public static string SlackUser(int channel, int member) => $"U{channel:D4}{member:D3}";
    public static string TeamsUser(int channel, int member) => $"29:1fan{channel:D4}{member:D3}";
    public static string TeamsChannel(int channel) => $"19:fan{channel:D4}@thread.tacv2";

    public static async Task<List<FanoutTeam>> SeedAsync(IServiceProvider services, Platform platform, int workspaces, int channels, int size,
        Func<string, string>? serviceUrl)
    {
        await services.MigrateAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var tokens = new SlackTokens(services.GetRequiredService<IDataProtectionProvider>(), Options.Create(new SlackOptions()));
        var now = DateTimeOffset.UtcNow;
        var rows = new List<(Workspace Row, string Key)>();
        for (var w = 0; w < workspaces; w++)
        {
            var key = platform == Platform.Slack ? w.ToString(CultureInfo.InvariantCulture) : $"t{w}";
            var ws = new Workspace { Platform = platform, ExternalId = platform == Platform.Slack ? $"TFAN{w:D3}" : key, Name = $"Fan-out {w}", CreatedAt = now };
            db.Add(ws);
            rows.Add((ws, key));
        }
        await db.SaveChangesAsync();
        foreach (var (ws, key) in rows)
            db.Add(new Installation
            {
                WorkspaceId = ws.Id,
                Platform = platform,
                InstalledBy = "fanout-admin",
                InstalledAt = now,
                EncryptedBotToken = platform == Platform.Slack ? tokens.Protect(FanoutSlack.Token(int.Parse(key, CultureInfo.InvariantCulture))) : null,
                ConversationRefJson = platform == Platform.Teams
                    ? CollabJson.Serialize(new ConversationRef(Platform.Teams, key, TeamsChannel(0), serviceUrl!(key), key, "28:" + FanoutTeams.AppId))
                    : null,
            });
        var teams = Enumerable.Range(0, channels).Select(c => new Team
        {
            WorkspaceId = rows[c % workspaces].Row.Id,
            Name = $"Team {c}",
            CreatedAt = now,
            ChannelId = platform == Platform.Slack ? $"C{c:D4}" : TeamsChannel(c),
        }).ToList();
        db.AddRange(teams);
        await db.SaveChangesAsync();
        var result = new List<FanoutTeam>();
        for (var c = 0; c < channels; c++)
        {
            var users = Enumerable.Range(0, size).Select(m => platform == Platform.Slack ? SlackUser(c, m) : TeamsUser(c, m)).ToArray();
            db.AddRange(users.Select((u, m) => new Member
            {
                WorkspaceId = teams[c].WorkspaceId,
                TeamId = teams[c].Id,
                PlatformUserId = u,
                DisplayName = $"Rep {c}-{m}",
                Locale = "en",
                JoinedAt = now.AddDays(-30),
            }));
            result.Add(new FanoutTeam(teams[c].Id, rows[c % workspaces].Key, teams[c].ChannelId, users));
        }
        await db.SaveChangesAsync();
        return result;
    }
}
