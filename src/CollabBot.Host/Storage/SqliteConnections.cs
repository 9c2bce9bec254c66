using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace CollabBot.Host.Storage;

// The SQLite connections requests use, kept open between requests. Microsoft.Data.Sqlite
// keeps a prepared statement only while its command object lives on an open connection,
// and EF makes a new command for every query, so each of a request's queries would be parsed
// and planned afresh on a new connection. Kept open, a connection keeps its statements
// (SqliteStatements), and nothing is re-set up per request.
//
// Settings, applied once when a connection opens (they belong to the connection, so one
// opened without them would miss them for its whole life):
// - busy_timeout: a writer that meets another writer's lock waits inside SQLite (which
//   retries within milliseconds) instead of failing to Microsoft.Data.Sqlite's retry loop,
//   which sleeps 150 ms between attempts.
// - wal_autocheckpoint=0: checkpoints are SqliteCheckpointer's job, not a committing request's.
// - synchronous=NORMAL (Storage:SqliteSynchronous=NORMAL): in WAL mode the log is synced at
//   checkpoints rather than at every commit, which survives a crash of the process but may
//   lose the last commits on power loss. The default, FULL, is SQLite's own default.
// EF Core registers its SQL functions (decimal arithmetic, regexp) only on connections it
// creates itself; none of CollabBot's queries uses them (no decimal columns, no Regex in a
// query), and a query that did would fail in the tests with "no such function".
internal sealed class SqliteConnections(string connectionString, bool normalSync) : IDisposable
{
    // Enough for every dispatch the router lets run at once, the answer writer and the jobs;
    // connections opened beyond it in a burst are closed when they come back.
    public const int Kept = 64;

    private readonly ConcurrentStack<SqliteConnection> _idle = new();
    private readonly string _settings = "PRAGMA busy_timeout=5000;PRAGMA wal_autocheckpoint=0;" + (normalSync ? "PRAGMA synchronous=NORMAL;" : "");
    private long _lent;
    private bool _disposed;

    // Test seam: connections handed out so far, new or kept. A request that takes none leaves
    // nothing else to observe (the Teams duplicate check on SQLite).
    internal long Lent => Interlocked.Read(ref _lent);

    // Last in, first out: the busiest connections hold the warmest statements and pages.
    public SqliteConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Increment(ref _lent);
        if (_idle.TryPop(out var kept)) return kept;
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var settings = connection.CreateCommand())
        {
            settings.CommandText = _settings;
            settings.ExecuteNonQuery();
        }
        SqliteStatements.Track(connection);
        return connection;
    }

    // A connection comes back only as it was lent: open and outside any transaction (EF rolls
    // back what a failed request left open before the lease ends; anything else is closed).
    public void Return(SqliteConnection connection)
    {
        if (!_disposed && connection.State == System.Data.ConnectionState.Open
            && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0 && _idle.Count < Kept)
        {
            _idle.Push(connection);
            if (_disposed) Dispose();
            return;
        }
        Close(connection);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection)) Close(connection);
    }

    private static void Close(SqliteConnection connection)
    {
        SqliteStatements.Forget(connection);
        connection.Dispose();
    }
}

// One request's connection, handed back when its scope ends (after the context that used it).
internal sealed class SqliteLease(SqliteConnections connections) : IDisposable
{
    public SqliteConnection Connection { get; } = connections.Rent();

    public void Dispose() => connections.Return(Connection);
}
