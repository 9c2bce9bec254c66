using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Host.Storage;

// synchronous=NORMAL for SQLite in WAL mode (Storage:SqliteSynchronous=NORMAL): the log is
// synced at checkpoints rather than at every commit, which survives a crash of the process
// but may lose the last commits on power loss. The default, FULL, needs no interceptor.
// The pragma is per connection; EF opens a context's connection once per query, so each
// connection object is set once.
internal sealed class SqliteNormalSync : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<DbConnection, object> Done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!Done.TryAdd(connection, this)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=NORMAL;";
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!Done.TryAdd(connection, this)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=NORMAL;";
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
