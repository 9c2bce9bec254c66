using CollabBot.Core.Features.Admin;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Host.Jobs;
using CollabBot.Host.Storage;
using CollabBot.Tests.Support;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace CollabBot.Tests.Host.Jobs;

// The one Hangfire test: team jobs written through the real storage of each provider and read
// back with Hangfire's own storage API. No server starts (it would tie Hangfire's process-wide
// logger and job activator to this test), and the manager gets a fixed clock, so the next runs
// it stores can be checked across the 2026 DST changes.
// Hangfire keeps global state (filters, the current storage) that hosts under test set too:
// this test runs alone, never beside them.
[CollectionDefinition(nameof(HangfireScheduleTests), DisableParallelization = true)]
public sealed class HangfireAlone;

[Collection(nameof(HangfireScheduleTests))]
public sealed class HangfireScheduleTests
{
    private static Team Team(long id) => new() { Id = id, WorkspaceId = 1, Name = "East", ChannelId = "C1", TimeZone = "America/New_York" };

    private static RecurringJobManager Manager(JobStorage storage, DateTime utcNow) =>
        new(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => utcNow);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Team_jobs_are_stored_with_their_ids_cron_and_zone_and_stay_at_local_time_across_DST(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // A host tested earlier may have left Hangfire logging to its disposed logger factory.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        var storage = JobsSetup.CreateStorage(new StorageOptions
        {
            Provider = provider == "postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite,
            ConnectionString = db.Settings["Storage:ConnectionString"],
            DataDirectory = db.Settings["Storage:DataDirectory"]!,
        });
        try
        {
            // Friday 2026-03-06 16:00 EST, after that week's send; clocks go forward on Sunday the 8th.
            var march = Manager(storage, new DateTime(2026, 3, 6, 21, 0, 0, DateTimeKind.Utc));
            await new HangfireTeamScheduler(march).ApplyAsync(7, TeamSchedule.For(Team(7)));
            JobsSetup.RegisterSync(march);
            // Friday 2026-10-30 16:00 EDT; clocks go back on Sunday 1 November.
            await new HangfireTeamScheduler(Manager(storage, new DateTime(2026, 10, 30, 20, 0, 0, DateTimeKind.Utc))).ApplyAsync(8, TeamSchedule.For(Team(8)));

            using (var connection = storage.GetConnection())
            {
                var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
                Assert.Equal(TeamSchedule.JobIds(7).Concat(TeamSchedule.JobIds(8)).Append(JobsSetup.SyncJobId).Order(), jobs.Keys.Order());
                var send = jobs["pulse-send:7"];
                Assert.Equal(("0 15 * * 5", "America/New_York"), (send.Cron, send.TimeZoneId));
                Assert.Equal((typeof(PulseJobs), nameof(PulseJobs.SendAsync), 7L), (send.Job.Type, send.Job.Method.Name, (long)send.Job.Args[0]!));
                Assert.Equal(new DateTime(2026, 3, 13, 19, 0, 0), send.NextExecution);           // 15:00 EDT (it was 20:00 UTC in EST)
                Assert.Equal(new DateTime(2026, 3, 9, 19, 0, 0), jobs["pulse-close:7"].NextExecution); // Monday 15:00 EDT
                Assert.Equal(new DateTime(2026, 11, 6, 20, 0, 0), jobs["pulse-send:8"].NextExecution); // 15:00 EST
                Assert.Equal(("17 3 * * *", "UTC"), (jobs[JobsSetup.SyncJobId].Cron, jobs[JobsSetup.SyncJobId].TimeZoneId));
            }

            // A schedule without a reminder drops that job; uninstalling drops them all.
            var quiet = Team(7);
            quiet.ReminderAfterHours = 0;
            await new HangfireTeamScheduler(march).ApplyAsync(7, TeamSchedule.For(quiet));
            await new HangfireTeamScheduler(march).RemoveAsync(8);
            using (var connection = storage.GetConnection())
            {
                var ids = connection.GetRecurringJobs().Select(j => j.Id).ToList();
                Assert.DoesNotContain("pulse-remind:7", ids);
                Assert.Contains("pulse-send:7", ids);
                Assert.DoesNotContain(ids, id => id.EndsWith(":8", StringComparison.Ordinal));
            }
        }
        finally
        {
            (storage as IDisposable)?.Dispose();
        }
    }
}
