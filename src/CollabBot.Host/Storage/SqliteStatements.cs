using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Host.Storage;

// Prepared statements kept per open connection, by SQL text. EF creates a command for every
// query and disposes it after; Microsoft.Data.Sqlite prepares per command object
// (dotnet/efcore#14044). On a connection SqliteConnections keeps open, EF is handed a command
// whose text picks up a statement already prepared for it, and gives it back on dispose.
internal sealed class SqliteStatements : DbCommandInterceptor
{
    // Per connection; the hot paths use a few dozen texts.
    public const int PerConnection = 64;

    private static readonly ConditionalWeakTable<SqliteConnection, Cache> Caches = [];

    public static void Track(SqliteConnection connection) => Caches.AddOrUpdate(connection, new Cache(connection));

    public static void Forget(SqliteConnection connection)
    {
        if (Caches.TryGetValue(connection, out var cache)) cache.Clear();
        Caches.Remove(connection);
    }

    // Test seam: commands made for the connection so far (each prepares its statements on
    // first use), the only sign outside SQLite that a statement was prepared again.
    internal static int MadeFor(SqliteConnection connection) => Caches.TryGetValue(connection, out var cache) ? cache.Made : 0;

    public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        eventData.Connection is SqliteConnection connection && Caches.TryGetValue(connection, out var cache)
            ? InterceptionResult<DbCommand>.SuppressWithResult(new ReusedCommand(cache))
            : result;

    // Used by one request at a time, like its connection. When full, the text used longest ago
    // makes room: otherwise the connection that ran the migrations at startup would keep their
    // texts, never run again, for good, and no hot query at all.
    internal sealed class Cache(SqliteConnection connection)
    {
        private sealed class Kept
        {
            public readonly Stack<SqliteCommand> Commands = new(1);
            public long Used;
        }

        private readonly Dictionary<string, Kept> _free = new(StringComparer.Ordinal);
        private long _clock;

        public SqliteConnection Connection => connection;
        public int Count { get; private set; }
        public int Made { get; private set; }   // for MadeFor (test seam)

        public SqliteCommand Take(string? text)
        {
            if (text is not null && _free.TryGetValue(text, out var kept) && kept.Commands.TryPop(out var command))
            {
                Count--;
                if (kept.Commands.Count == 0) _free.Remove(text);
                return command;
            }
            var fresh = connection.CreateCommand();
            Made++;
            if (text is not null) fresh.CommandText = text;
            return fresh;
        }

        // Kept clean: no parameter values (they may be personal data), no finished transaction.
        public void Give(SqliteCommand command)
        {
            command.Parameters.Clear();
            command.Transaction = null;
            command.CommandTimeout = connection.DefaultTimeout;
            if (command.CommandText is not { Length: > 0 } text)
            {
                command.Dispose();
                return;
            }
            if (Count >= PerConnection) DropOldest();
            if (!_free.TryGetValue(text, out var kept)) _free[text] = kept = new Kept();
            kept.Used = ++_clock;
            kept.Commands.Push(command);
            Count++;
        }

        private void DropOldest()
        {
            var (text, oldest) = _free.MinBy(k => k.Value.Used);
            oldest.Commands.Pop().Dispose();
            Count--;
            if (oldest.Commands.Count == 0) _free.Remove(text);
        }

        public void Clear()
        {
            foreach (var command in _free.Values.SelectMany(k => k.Commands)) command.Dispose();
            _free.Clear();
            Count = 0;
        }
    }

    // What EF holds: the kept command for its text, chosen when the text is set (EF sets the
    // text first, then the transaction, timeout and parameters).
    private sealed class ReusedCommand(Cache cache) : DbCommand
    {
        private SqliteCommand? _inner;

        private SqliteCommand Inner => _inner ??= cache.Take(null);

        [AllowNull]
        public override string CommandText
        {
            get => _inner?.CommandText ?? "";
            set
            {
                if (_inner is { } current)
                {
                    if (current.CommandText == value) return;
                    if (current.Parameters.Count > 0) { current.CommandText = value; return; }
                    cache.Give(current);
                }
                _inner = cache.Take(value ?? "");
            }
        }

        public override int CommandTimeout { get => Inner.CommandTimeout; set => Inner.CommandTimeout = value; }
        public override CommandType CommandType { get => Inner.CommandType; set => Inner.CommandType = value; }
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get => Inner.UpdatedRowSource; set => Inner.UpdatedRowSource = value; }

        protected override DbConnection? DbConnection
        {
            get => cache.Connection;
            set
            {
                if (!ReferenceEquals(value, cache.Connection)) throw new NotSupportedException("A kept SQLite command stays on its connection.");
            }
        }

        protected override DbParameterCollection DbParameterCollection => Inner.Parameters;
        protected override DbTransaction? DbTransaction { get => Inner.Transaction; set => Inner.Transaction = (SqliteTransaction?)value; }

        public override void Cancel() => _inner?.Cancel();
        public override int ExecuteNonQuery() => Inner.ExecuteNonQuery();
        public override object? ExecuteScalar() => Inner.ExecuteScalar();
        public override void Prepare() => Inner.Prepare();
        protected override DbParameter CreateDbParameter() => Inner.CreateParameter();
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Inner.ExecuteReader(behavior);

        protected override void Dispose(bool disposing)
        {
            // Only an explicit dispose gives the command back: a finalizer runs on its own thread.
            if (disposing && _inner is { } inner)
            {
                _inner = null;
                cache.Give(inner);
            }
            base.Dispose(disposing);
        }
    }
}
