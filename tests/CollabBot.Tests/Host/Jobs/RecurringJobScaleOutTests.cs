using CollabBot.Host.Jobs;
using CollabBot.Host.Storage;
using CollabBot.Tests.Support;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace CollabBot.Tests.Host.Jobs;

// Scale-out: two Hangfire servers, each with the storage its own host would build, on one
// PostgreSQL database. A recurring job that fell due while both were up (and one that was due
// while they were down) runs once, not once per server.
[Collection(nameof(HangfireScheduleTests))]
public sealed class RecurringJobScaleOutTests
{
    private sealed class Activator : JobActivator;

    [Fact]
    public async Task Two_servers_on_one_postgres_database_run_a_due_recurring_job_once()
    {
        await using var db = await TestDatabase.CreateAsync("postgres");
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        var options = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = db.Settings["Storage:ConnectionString"] };
        var storages = new[] { JobsSetup.CreateStorage(options), JobsSetup.CreateStorage(options) };
        const string id = "scale-out-once";
        // Written a week ago: its next run has passed while both hosts were down, and Relaxed runs it once.
        var weekAgo = DateTime.UtcNow.AddDays(-8);
        new RecurringJobManager(storages[0], JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => weekAgo)
            .AddOrUpdate(id, Job.FromExpression(() => ScaleOutJob.Run()), "0 9 * * 1",
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });
        ScaleOutJob.Runs = 0;
        var servers = storages.Select((s, i) => new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = $"host-{i}",
            WorkerCount = 2,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
            Activator = new Activator(),
        }, s)).ToList();
        try
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (ScaleOutJob.Runs == 0 && DateTime.UtcNow < until) await Task.Delay(100);
            // Both schedulers poll every 200 ms: a second run would have shown up by now.
            await Task.Delay(TimeSpan.FromSeconds(3));
            using var storageConnection = storages[1].GetConnection();
            Assert.Equal(1, ScaleOutJob.Runs);
            var job = Assert.Single(storageConnection.GetRecurringJobs(), j => j.Id == id);
            Assert.True(job.NextExecution > DateTime.UtcNow, "the next run is in the future, not a backlog of missed ones");
        }
        finally
        {
            foreach (var server in servers) server.Dispose();
            foreach (var s in storages) (s as IDisposable)?.Dispose();
        }
    }
}

// What the job does: count its runs (the servers run in this process).
public static class ScaleOutJob
{
    private static int _runCount;

    public static int Runs
    {
        get => Volatile.Read(ref _runCount);
        set => Volatile.Write(ref _runCount, value);
    }

    public static void Run() => Interlocked.Increment(ref _runCount);
}
