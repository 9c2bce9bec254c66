using System.Data.Common;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

// What the answer writer's SQL leaves to the provider, chosen once at registration (Host,
// StorageSetup): how an instant is stored, and how a round is held while answers go in.
internal interface IAnswerDialect
{
    // One row when round @r still takes answers at @now. Where several writers share the
    // database, it holds the round row until the transaction ends, so a close waits for the
    // answers already let in and never leaves one behind (RoundClosing).
    string RoundOpenSql { get; }

    // An instant as the provider's columns hold it.
    object Instant(DateTimeOffset at);
}

// The writer's hot path in plain SQL that SQLite and PostgreSQL both accept (quoted names,
// ON CONFLICT DO NOTHING): EF's per-entity work is skipped on the busiest write. The writer keeps
// one open connection and its commands, so each statement is prepared once, not once per answer.
internal sealed class AnswerSql : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly DbConnection _connection;
    private readonly IAnswerDialect _dialect;
    private readonly Dictionary<string, DbCommand> _commands = [];
    private DbTransaction? _tx;

    private AnswerSql(AsyncServiceScope scope, CollabDbContext db, IAnswerDialect dialect) =>
        (_scope, _connection, _dialect) = (scope, db.Database.GetDbConnection(), dialect);

    public static async Task<AnswerSql> OpenAsync(IServiceScopeFactory scopes, IAnswerDialect dialect)
    {
        var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        await db.Database.OpenConnectionAsync();
        return new AnswerSql(scope, db, dialect);
    }

    // One transaction for the batch; committed before any result is returned.
    public async Task<PulseAnswerResult[]> WriteAsync(IReadOnlyList<PulseAnswerJob> jobs)
    {
        await using var tx = _tx = await _connection.BeginTransactionAsync();
        var results = new PulseAnswerResult[jobs.Count];
        var seen = new HashSet<(long, string)>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var j = jobs[i];
            // The same person twice in one batch: the first stands.
            results[i] = !await RoundOpenAsync(j) ? PulseAnswerResult.Closed
                : !seen.Add((j.RoundId, j.Mark)) || !await MarkAnsweredAsync(j) ? PulseAnswerResult.AlreadyAnswered
                : PulseAnswerResult.Written;
            if (results[i] != PulseAnswerResult.Written) continue;
            await InviteAsync(j);
            await InsertSealedAsync(j);
        }
        await tx.CommitAsync();
        return results;
    }

    // A round takes answers until it is closed or its closing time has passed.
    private async Task<bool> RoundOpenAsync(PulseAnswerJob j) =>
        await Command(_dialect.RoundOpenSql, ("@r", j.RoundId), ("@now", _dialect.Instant(j.At))).ExecuteScalarAsync() is not null;

    // False when this person had already answered the round (their mark is there).
    private async Task<bool> MarkAnsweredAsync(PulseAnswerJob j) =>
        await ExecuteAsync("""INSERT INTO "PulseAnswerMarks" ("RoundId", "Mark", "WorkspaceId") VALUES (@r, @k, @w) ON CONFLICT DO NOTHING""",
            ("@r", j.RoundId), ("@k", j.Mark), ("@w", j.WorkspaceId)) == 1;

    // A member who was not asked at the send (joined since) is counted as asked once they answer.
    private Task<int> InviteAsync(PulseAnswerJob j) =>
        ExecuteAsync("""INSERT INTO "PulseParticipations" ("RoundId", "MemberId", "WorkspaceId") VALUES (@r, @m, @w) ON CONFLICT DO NOTHING""",
            ("@r", j.RoundId), ("@m", j.MemberId), ("@w", j.WorkspaceId));

    private Task<int> InsertSealedAsync(PulseAnswerJob j) =>
        ExecuteAsync("""INSERT INTO "PulseSealedAnswers" ("WorkspaceId", "RoundId", "Hour", "Sealed") VALUES (@w, @r, @h, @s)""",
            ("@w", j.WorkspaceId), ("@r", j.RoundId), ("@h", j.Hour), ("@s", j.Sealed));

    private Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] args) => Command(sql, args).ExecuteNonQueryAsync();

    // A command per distinct text, kept: providers keep a command's prepared statement until
    // its text changes.
    private DbCommand Command(string sql, params (string Name, object Value)[] args)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            _commands[sql] = cmd;
        }
        cmd.Transaction = _tx;
        cmd.Parameters.Clear();
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _commands.Values) await cmd.DisposeAsync();
        await _scope.DisposeAsync();
    }
}
