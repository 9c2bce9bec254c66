using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Tests.Support;

// Counts the SQL reads (SELECT commands) EF Core runs against one database (matched by its connection
// string), through EF's DiagnosticListener: proof that a job reads set-based.
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private int _count;

    public CommandCounter(string connectionString)
    {
        _database = connectionString;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) lock (_listeners) _listeners.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data
            && data.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && Matches(data.Command.Connection))
            Interlocked.Increment(ref _count);
    }

    // SQLite names the file in DataSource; PostgreSQL names the per-test database in Database.
    private bool Matches(DbConnection? c) => c is not null
        && _database.Contains(c.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal) ? "Database=" + c.Database : c.DataSource, StringComparison.Ordinal);

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners) _listeners.ForEach(l => l.Dispose());
    }
}
