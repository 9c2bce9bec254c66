using System.Data.Common;
using System.Text;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

// The writer's hot path in plain SQL that SQLite and PostgreSQL both accept (quoted names,
// RETURNING): EF's per-entity work was most of an answer's cost. The writer keeps one open
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

    // A round takes answers until it is closed or its closing time has passed.
    public async Task<bool> RoundOpenAsync(PulseAnswerJob j)
    {
        var open = Command("""SELECT COUNT(*) FROM "PulseRounds" WHERE "Id" = @r AND "ClosedAt" IS NULL AND "ClosesAt" > @now""",
            ("@r", j.RoundId), ("@now", Instant(j.At)));
        return Convert.ToInt64(await open.ExecuteScalarAsync()) > 0;
    }

    // False when the member had already answered; a member invited after the round started
    // gets their participation row now.
    public async Task<bool> MarkAnsweredAsync(PulseAnswerJob j)
    {
        // The participation row keeps only the UTC day, so it cannot be matched to the answer's time.
        var day = Instant(new DateTimeOffset(j.At.UtcDateTime.Date, TimeSpan.Zero));
        var marked = await ExecuteAsync("""UPDATE "PulseParticipations" SET "AnsweredAt" = @day WHERE "RoundId" = @r AND "MemberId" = @m AND "AnsweredAt" IS NULL""",
            ("@day", day), ("@r", j.RoundId), ("@m", j.MemberId));
        if (marked == 1) return true;
        var exists = Command("""SELECT COUNT(*) FROM "PulseParticipations" WHERE "RoundId" = @r AND "MemberId" = @m""", ("@r", j.RoundId), ("@m", j.MemberId));
        if (Convert.ToInt64(await exists.ExecuteScalarAsync()) > 0) return false;
        await ExecuteAsync("""INSERT INTO "PulseParticipations" ("RoundId", "MemberId", "WorkspaceId", "AnsweredAt") VALUES (@r, @m, @w, @day)""",
            ("@r", j.RoundId), ("@m", j.MemberId), ("@w", j.WorkspaceId), ("@day", day));
        return true;
    }

    public async Task InsertResponseAsync(PulseAnswerJob j)
    {
        var insert = Command("""INSERT INTO "PulseResponses" ("WorkspaceId", "RoundId", "Respondent", "AnsweredAt", "Comment") VALUES (@w, @r, @p, @at, @c) RETURNING "Id" """,
            ("@w", j.WorkspaceId), ("@r", j.RoundId), ("@p", j.Respondent), ("@at", Instant(j.At)), ("@c", (object?)j.Comment ?? DBNull.Value));
        var id = Convert.ToInt64(await insert.ExecuteScalarAsync());
        if (j.Values.Count == 0) return;
        var text = new StringBuilder("""INSERT INTO "PulseAnswers" ("ResponseId", "WorkspaceId", "QuestionKey", "Value") VALUES """);
        var args = new List<(string, object)> { ("@id", id), ("@w", j.WorkspaceId) };
        var n = 0;
        foreach (var (key, value) in j.Values)
        {
            text.Append(n == 0 ? "" : ", ").Append($"(@id, @w, @k{n}, @v{n})");
            args.Add(($"@k{n}", key));
            args.Add(($"@v{n}", value));
            n++;
        }
        await ExecuteAsync(text.ToString(), [.. args]);
    }

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
