namespace CollabBot.Host.Storage;

internal enum StorageProvider { Sqlite, Postgres }

internal sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;
    // Unset for SQLite means data/collabbot.db under DataDirectory.
    public string? ConnectionString { get; set; }
    public string DataDirectory { get; set; } = "data";
    public bool MigrateOnStartup { get; set; } = true;
    // FULL (durable across power loss) or NORMAL (across a process crash); see SqliteConnections.
    public string SqliteSynchronous { get; set; } = "FULL";

    public string SqliteConnectionString() =>
        ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "collabbot.db")};Pooling=True";
}
