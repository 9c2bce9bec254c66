using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Host.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Benchmarks;

// A Slack workspace and a Teams tenant with `teams` teams of `members` members each, pointed
// at the recording platforms. The fan-out is queued by the real job code: each team's pulse
// (the channel card) and its reminder (one DM per member), as the scheduled jobs would.
internal static class FanoutSeed
{
    public const string SlackTeam = "T0CRASH";
    public const string Tenant = "9a1b2c3d-0000-4000-8000-00000000c0de";

    // Settings the driver and the hosts share (environment-variable form, "__").
    public static ServiceProvider Services(IReadOnlyDictionary<string, string> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(kv => kv.Key.Replace("__", ":"), kv => (string?)kv.Value)).Build();
        return new ServiceCollection().AddCollabStorage(config).AddCollabCore().BuildServiceProvider();
    }

    public static async Task<(int Queued, List<long> Teams)> SeedAsync(IServiceProvider services, RecordingPlatforms platforms, int teams, int members, bool fanout = true)
    {
        await services.MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        var ids = new List<long>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            var slack = new Workspace { Platform = Platform.Slack, ExternalId = SlackTeam, Name = "Crash Slack", CreatedAt = now };
            var msTeams = new Workspace { Platform = Platform.Teams, ExternalId = Tenant, Name = "Crash Teams", CreatedAt = now };
            db.AddRange(slack, msTeams);
            await db.SaveChangesAsync();
            var reference = new ConversationRef(Platform.Teams, Tenant, "19:crash0@thread.tacv2", platforms.ServiceUrl, Tenant, "28:" + BotFrameworkIdentity.AppId);
            db.AddRange(new Installation { WorkspaceId = slack.Id, Platform = Platform.Slack, InstalledBy = "U0CRASH", BotUserId = "UBOT", InstalledAt = now },
                new Installation
                {
                    WorkspaceId = msTeams.Id,
                    Platform = Platform.Teams,
                    InstalledBy = "29:crash-admin",
                    InstalledAt = now,
                    ConversationRefJson = CollabJson.Serialize(reference)
                });
            for (var t = 0; t < teams; t++)
            {
                var s = new Team { WorkspaceId = slack.Id, Name = $"Slack team {t}", ChannelId = $"C0CRASH{t:D2}", CreatedAt = now };
                var m = new Team { WorkspaceId = msTeams.Id, Name = $"Teams team {t}", ChannelId = $"19:crash{t}@thread.tacv2", CreatedAt = now };
                db.AddRange(s, m);
                await db.SaveChangesAsync();
                ids.Add(s.Id);
                ids.Add(m.Id);
                for (var i = 0; i < members; i++)
                {
                    db.Add(new Member { WorkspaceId = slack.Id, TeamId = s.Id, PlatformUserId = $"U{t:D2}{i:D4}", DisplayName = $"Rep {t}-{i}", JoinedAt = now.AddDays(-30) });
                    db.Add(new Member { WorkspaceId = msTeams.Id, TeamId = m.Id, PlatformUserId = $"29:crash{t}-{i}", DisplayName = $"Rep {t}-{i}", JoinedAt = now.AddDays(-30) });
                }
                await db.SaveChangesAsync();
            }
        }
        var jobs = services.GetRequiredService<PulseJobs>();
        foreach (var id in fanout ? ids : [])
        {
            await jobs.SendAsync(id);
            await jobs.RemindAsync(id);
        }
        await using var check = services.CreateAsyncScope();
        return (await check.ServiceProvider.GetRequiredService<CollabDbContext>().Unscoped<OutboxMessage>().CountAsync(), ids);
    }
}
