using CollabBot.Core;
using Microsoft.Data.Sqlite;

namespace CollabBot.Host.Storage;

// WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever
// commit pushes the log past 1,000 pages, so every few hundred answers one of them waited
// for pages to be copied and the database file to be synced. Connections turn that off
// (SqliteConnections) and this service checkpoints once a second instead; a PASSIVE checkpoint
// never blocks readers or the writer, and copies only what no reader still needs.
internal sealed class SqliteCheckpointer(StorageOptions options, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    // A checkpoint syncs the database file: on a thread of its own, not the pool's (LoopThread).
    protected override Task ExecuteAsync(CancellationToken stop) => LoopThread.Start("collabbot-checkpointer", () => CheckpointAsync(stop));

    private async Task CheckpointAsync(CancellationToken stop)
    {
        using var tick = new PeriodicTimer(Every);
        try
        {
            await using var connection = new SqliteConnection(options.SqliteConnectionString());
            await connection.OpenAsync(stop);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            while (await tick.WaitForNextTickAsync(stop))
            {
                try
                {
                    await checkpoint.ExecuteNonQueryAsync(stop);
                }
                catch (SqliteException e)
                {
                    log.CheckpointFailed(e, Every);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }
}
