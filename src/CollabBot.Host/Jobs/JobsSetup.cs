using CollabBot.Core.Features.Admin;
using CollabBot.Core.Features.Retention;
using CollabBot.Host.Storage;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollabBot.Host.Jobs;

// Hangfire as the engine of the scheduled jobs: retries, a dashboard and one run per
// occurrence across hosts come with it. Its storage follows
// Storage:Provider, so hosts that share a PostgreSQL database share one schedule, and
// Hangfire's locks make each occurrence run on one of them.
internal static class JobsSetup
{
    public const string DashboardPath = "/hangfire";
    public const string SyncJobId = "schedule-sync";
    // Daily, off the hour: repairs any team whose jobs a failed update left stale.
    public const string SyncCron = "17 3 * * *";
    // A job that fails three times is left failed, visible in the dashboard; the next
    // occurrence runs as usual. (Hangfire's default is ten attempts over about a day.)
    public const int RetryAttempts = 3;
    public const string RetentionJobId = "retention-purge";
    // Daily in UTC, at a quiet hour away from the schedule sync.
    public const string RetentionCron = "41 2 * * *";
    public const string PostgresSchema = "hangfire";
    public const string AntiforgeryCookie = "collabbot.jobs.antiforgery";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddCollabJobs(this IServiceCollection services, IConfiguration config)
    {
        var options = JobsOptions.From(config);
        services.AddSingleton(options);
        services.Replace(ServiceDescriptor.Singleton((config.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new()).Validated()));
        if (!options.Enabled) return services;

        var storage = config.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseStorage(CreateStorage(storage));
            // Hangfire's filters are process-wide: replace its default retry filter, not add a second.
            GlobalJobFilters.Filters.Remove<AutomaticRetryAttribute>();
            c.UseFilter(new AutomaticRetryAttribute { Attempts = RetryAttempts });
            GlobalJobFilters.Filters.Remove<JobMetricsFilter>();
            c.UseFilter(new JobMetricsFilter());
        });
        services.AddHangfireServer(o => o.WorkerCount = options.WorkerCount);
        // Every POST to the dashboard (trigger, delete, requeue …) must carry an antiforgery
        // token: Hangfire checks one whenever IAntiforgery is registered, and its pages put the
        // token in a meta tag that its own script sends back as a header. Without it a page on
        // any other site could make the operator's browser trigger jobs (it sends loopback and
        // Basic credentials along). The cookie stays on the dashboard's path.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.Path = DashboardPath;
            o.HeaderName = AntiforgeryHeader;
        });
        services.Replace(ServiceDescriptor.Singleton<ITeamScheduler, HangfireTeamScheduler>());
        return services;
    }

    // The recurring schedule sync (run once right away, so teams that existed before this
    // host started get their jobs) and the dashboard.
    public static WebApplication MapCollabJobs(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<JobsOptions>();
        if (!options.Enabled) return app;
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        RegisterSync(manager);
        manager.Trigger(SyncJobId);
        RegisterRetention(manager);
        app.UseWhen(http => http.Request.Path.StartsWithSegments(DashboardPath), guarded => guarded.Use(DashboardGuard.InvokeAsync));
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new DashboardAccess(options)],
            // The PostgreSQL connection string may carry a password.
            DisplayStorageConnectionString = false,
            DashboardTitle = "CollabBot jobs",
        });
        return app;
    }

    public static void RegisterSync(IRecurringJobManager manager) =>
        manager.AddOrUpdate(SyncJobId, Job.FromExpression<ScheduleSync>(s => s.SyncAllAsync(CancellationToken.None)), SyncCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

    public static void RegisterRetention(IRecurringJobManager manager) =>
        manager.AddOrUpdate(RetentionJobId, Job.FromExpression<RetentionJob>(r => r.PurgeAsync(CancellationToken.None)), RetentionCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

    // SQLite: hangfire.db beside the bot's database under Storage:DataDirectory. PostgreSQL:
    // the bot's own connection string, in a schema of Hangfire's own.
    public static JobStorage CreateStorage(StorageOptions storage)
    {
        switch (storage.Provider)
        {
            case StorageProvider.Postgres:
                if (string.IsNullOrWhiteSpace(storage.ConnectionString))
                    throw new InvalidOperationException("Storage:Provider=Postgres needs Storage:ConnectionString.");
                var pg = new PostgreSqlStorageOptions { SchemaName = PostgresSchema, PrepareSchemaIfNecessary = true };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(storage.ConnectionString, pg, null), pg);
            default:
                var dir = Path.GetFullPath(storage.DataDirectory);
                Directory.CreateDirectory(dir);
                return new SQLiteStorage(Path.Combine(dir, "hangfire.db"), new SQLiteStorageOptions());
        }
    }
}
