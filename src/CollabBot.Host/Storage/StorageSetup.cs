using System.Security.Cryptography;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Host.Storage;

internal static class StorageSetup
{
    // One CollabDbContext per scope, leased from a pool: a request does not pay for building
    // a context and its services.
    public static IServiceCollection AddCollabStorage(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                var cs = options.SqliteConnectionString();
                var file = new SqliteConnectionStringBuilder(cs).DataSource;
                var dir = Path.GetDirectoryName(Path.GetFullPath(file));
                if (dir is not null) Directory.CreateDirectory(dir);
                var normalSync = options.SqliteSynchronous.Equals("NORMAL", StringComparison.OrdinalIgnoreCase);
                services.AddSingleton(new SqliteConnections(cs, normalSync));
                services.AddScoped<SqliteLease>();
                services.AddPooledDbContextFactory<SqliteCollabDbContext>(o => o.UseSqlite(cs).AddInterceptors(new SqliteStatements()));
                // The lease is resolved first, so the scope ends the context (rolling back
                // anything left open) before the connection goes back.
                services.AddScoped<CollabDbContext>(sp =>
                {
                    var connection = sp.GetRequiredService<SqliteLease>().Connection;
                    var db = sp.GetRequiredService<IDbContextFactory<SqliteCollabDbContext>>().CreateDbContext();
                    db.Database.SetDbConnection(connection, contextOwnsConnection: false);
                    return db.Leased();
                });
                services.AddHostedService<SqliteCheckpointer>();
                services.AddSingleton<IAnswerDialect, SqliteAnswerDialect>();
                services.AddSingleton<SeenRequests, LocalSeenRequests>();
                break;
            case StorageProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                    throw new InvalidOperationException("Storage:Provider=Postgres needs Storage:ConnectionString.");
                services.AddPooledDbContextFactory<PostgresCollabDbContext>(o => o.UseNpgsql(options.ConnectionString));
                services.AddScoped<CollabDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgresCollabDbContext>>().CreateDbContext().Leased());
                services.AddSingleton<IAnswerDialect, PostgresAnswerDialect>();
                // Several hosts share the database: a retry may reach any of them.
                services.AddSingleton<SeenRequests, DatabaseSeenRequests>();
                break;
        }
        services.AddSingleton(new Pseudonyms(PseudonymKey(config, options)));
        return services;
    }

    // The pseudonym secret comes from Privacy:PseudonymKey (base64, ≥ 32 bytes). On the
    // embedded default a key file is made on first run, outside the database; several hosts
    // on PostgreSQL must share one configured key, so there it is required.
    private static byte[] PseudonymKey(IConfiguration config, StorageOptions options)
    {
        if (config["Privacy:PseudonymKey"] is { Length: > 0 } configured)
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= Pseudonyms.MinKeyBytes ? key
                : throw new InvalidOperationException($"Privacy:PseudonymKey must hold at least {Pseudonyms.MinKeyBytes} bytes (base64).");
        }
        if (options.Provider == StorageProvider.Postgres)
            throw new InvalidOperationException("Storage:Provider=Postgres needs Privacy:PseudonymKey, shared by every host.");
        var path = Path.Combine(options.DataDirectory, "keys", "pseudonym.key");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fresh = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(fresh));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return fresh;
    }

    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        await db.Database.MigrateAsync(ct);
        // WAL lets the web host read while a job writes; it is a property of the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
