using CollabBot.Core.Features.Retention;
using CollabBot.Host.Jobs;
using CollabBot.Host.Storage;
using CollabBot.Tests.Support;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Jobs;

// Beside the other Hangfire storage test, for the same reason: Hangfire's global state.
[Collection(nameof(HangfireScheduleTests))]
public sealed class RetentionScheduleTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_retention_purge_is_a_daily_recurring_job_in_UTC(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        var storage = JobsSetup.CreateStorage(new StorageOptions
        {
            Provider = provider == "postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite,
            ConnectionString = db.Settings["Storage:ConnectionString"],
            DataDirectory = db.Settings["Storage:DataDirectory"]!,
        });
        try
        {
            var manager = new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(),
                () => new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc));
            JobsSetup.RegisterRetention(manager);
            JobsSetup.RegisterRetention(manager);   // every host registers it at startup: still one job
            using var connection = storage.GetConnection();
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == JobsSetup.RetentionJobId);
            Assert.Equal(("41 2 * * *", "UTC"), (job.Cron, job.TimeZoneId));
            Assert.Equal((typeof(RetentionJob), nameof(RetentionJob.PurgeAsync)), (job.Job.Type, job.Job.Method.Name));
            Assert.Equal(new DateTime(2026, 11, 27, 2, 41, 0), job.NextExecution);
        }
        finally
        {
            (storage as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void The_host_reads_the_retention_windows_from_configuration()
    {
        using var root = new CollabBotFactory();
        using var factory = root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Retention:PulseAnswerDays", "730");
            b.UseSetting("Retention:OutboxDays", "7");
        });
        var options = factory.Services.GetRequiredService<RetentionOptions>();
        Assert.Equal((730, 7), (options.PulseAnswerDays, options.OutboxDays));

        // Too short a window stops the host at startup rather than purging what digests need.
        using var tooShort = root.WithWebHostBuilder(b => b.UseSetting("Retention:PulseAnswerDays", "14"));
        Assert.Contains("PulseAnswerDays", Assert.Throws<InvalidOperationException>(() => tooShort.Services).Message);
    }
}
