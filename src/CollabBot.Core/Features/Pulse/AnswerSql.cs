using System.Data.Common;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

// The writer's hot path in plain SQL that SQLite and PostgreSQL both accept (quoted names,
// ON CONFLICT DO NOTHING): EF's per-entity work was most of an answer's cost. The writer keeps one open
// connection and its commands, so each statement is prepared once, not once per answer.
// Instants are written as the provider stores them: UTC ticks on SQLite (see the SQLite
// context), timestamptz on PostgreSQL.
internal sealed class AnswerSql : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly DbConnection _connection;
    private readonly bool _ticks;
    private readonly Dictionary<string, DbCommand> _commands = [];
    private DbTransaction? _tx;

    private AnswerSql(AsyncServiceScope scope, CollabDbContext db)
    {
        _scope = scope;
        _connection = db.Database.GetDbConnection();
        _ticks = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
    }

    public static async Task<AnswerSql> OpenAsync(IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        await db.Database.OpenConnectionAsync();
        return new AnswerSql(scope, db);
    }

    public async Task<DbTransaction> BeginAsync() => _tx = await _connection.BeginTransactionAsync();

    // A round takes answers until it is closed or its closing time has passed. On PostgreSQL
    // the round row is held (FOR SHARE) until this transaction ends, so a close waits for the
    // answers already let in and never leaves one behind (RoundClosing); SQLite has one writer.
    public async Task<bool> RoundOpenAsync(PulseAnswerJob j)
    {
        var open = Command(_ticks
            ? """SELECT 1 FROM "PulseRounds" WHERE "Id" = @r AND "ClosedAt" IS NULL AND "ClosesAt" > @now"""
            : """SELECT 1 FROM "PulseRounds" WHERE "Id" = @r AND "ClosedAt" IS NULL AND "ClosesAt" > @now FOR SHARE""",
            ("@r", j.RoundId), ("@now", Instant(j.At)));
        return await open.ExecuteScalarAsync() is not null;
    }

    // False when this person had already answered the round (their mark is there).
    public async Task<bool> MarkAnsweredAsync(PulseAnswerJob j) =>
        await ExecuteAsync("""INSERT INTO "PulseAnswerMarks" ("RoundId", "Mark", "WorkspaceId") VALUES (@r, @k, @w) ON CONFLICT DO NOTHING""",
            ("@r", j.RoundId), ("@k", j.Mark), ("@w", j.WorkspaceId)) == 1;

    // A member who was not asked at the send (joined since) is counted as asked once they answer.
    public Task<int> InviteAsync(PulseAnswerJob j) =>
        ExecuteAsync("""INSERT INTO "PulseParticipations" ("RoundId", "MemberId", "WorkspaceId") VALUES (@r, @m, @w) ON CONFLICT DO NOTHING""",
            ("@r", j.RoundId), ("@m", j.MemberId), ("@w", j.WorkspaceId));

    public Task<int> InsertSealedAsync(PulseAnswerJob j) =>
        ExecuteAsync("""INSERT INTO "PulseSealedAnswers" ("WorkspaceId", "RoundId", "Hour", "Sealed") VALUES (@w, @r, @h, @s)""",
            ("@w", j.WorkspaceId), ("@r", j.RoundId), ("@h", j.Hour), ("@s", j.Sealed));

    private object Instant(DateTimeOffset at) => _ticks ? at.UtcTicks : at.ToUniversalTime();

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
