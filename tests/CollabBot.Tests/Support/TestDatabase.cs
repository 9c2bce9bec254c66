using CollabBot.Core;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Storage;
using CollabBot.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Tests.Support;

// A real, freshly migrated database per test: a SQLite file, or a PostgreSQL database on the
// server named by COLLABBOT_TEST_POSTGRES (.ci/run starts one). Without that variable the
// PostgreSQL cases are skipped, and say why.
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "COLLABBOT_TEST_POSTGRES";
    public static readonly string TestPseudonymKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly string _dir;
    private readonly ServiceProvider _services;

    public string Provider { get; }
    public FakeTimeProvider Time { get; }
    public RecordingTeamScheduler Scheduler { get; } = new();
    public IServiceProvider Services => _services;
    public IReadOnlyDictionary<string, string?> Settings { get; }

    private TestDatabase(string provider, string dir, Dictionary<string, string?> settings, FakeTimeProvider time, Action<IServiceCollection>? extra)
    {
        Provider = provider;
        _dir = dir;
        Settings = settings;
        Time = time;
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ITeamScheduler>(Scheduler)
            .AddCollabStorage(config)
            .AddCollabCore();
        extra?.Invoke(services);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    // extra: services a test adds on top of the core (e.g. an IDigestLinks).
    public static async Task<TestDatabase> CreateAsync(string provider, DateTimeOffset? now = null, Action<IServiceCollection>? extra = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "collabbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir,
            ["Privacy:PseudonymKey"] = TestPseudonymKey,
        };
        switch (provider)
        {
            case "sqlite":
                settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(dir, "collabbot.db")};Pooling=False";
                break;
            case "postgres":
                var server = Environment.GetEnvironmentVariable(PostgresVariable);
                if (string.IsNullOrWhiteSpace(server))
                    Assert.Skip($"PostgreSQL case skipped: set {PostgresVariable} to a server connection string (.ci/run starts a private cluster and sets it).");
                settings["Storage:Provider"] = "Postgres";
                settings["Storage:ConnectionString"] = $"{server};Database=collabbot_t_{Guid.NewGuid():N}";
                break;
            default:
                throw new ArgumentException(provider);
        }
        var db = new TestDatabase(provider, dir, settings, new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), extra);
        await db.Services.MigrateAsync();
        return db;
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        if (Provider == "postgres")
        {
            await using var scope = Scope();
            await scope.ServiceProvider.GetRequiredService<CollabDbContext>().Database.EnsureDeletedAsync();
        }
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

public static class Providers
{
    public static TheoryData<string> All => new("sqlite", "postgres");
}
