using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Host.Storage;

// Per-connection SQLite settings, run once per connection object:
// - busy_timeout: a writer that meets another writer's lock waits inside SQLite (which
//   retries within milliseconds) instead of failing to Microsoft.Data.Sqlite's retry loop,
//   which sleeps 150 ms between attempts.
// - wal_autocheckpoint=0: checkpoints are SqliteCheckpointer's job, not a committing request's.
// - synchronous=NORMAL (Storage:SqliteSynchronous=NORMAL): in WAL mode the log is synced at
//   checkpoints rather than at every commit, which survives a crash of the process but may
//   lose the last commits on power loss. The default, FULL, is SQLite's own default.
internal sealed class SqlitePragmas(bool normalSync) : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<DbConnection, object> Done = [];
    private readonly string _sql = "PRAGMA busy_timeout=5000;PRAGMA wal_autocheckpoint=0;" + (normalSync ? "PRAGMA synchronous=NORMAL;" : "");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!Done.TryAdd(connection, this)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!Done.TryAdd(connection, this)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
