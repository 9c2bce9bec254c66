using System.Data.Common;
using System.Text;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CollabBot.Core.Features.Pulse;

// The writer's hot path in plain SQL that SQLite and PostgreSQL both accept (quoted names,
// RETURNING): EF's per-entity work was most of an answer's cost. Instants are written as the
// provider stores them: UTC ticks on SQLite (see the SQLite context), timestamptz on PostgreSQL.
internal sealed class AnswerSql(CollabDbContext db)
{
    private readonly DbConnection _connection = db.Database.GetDbConnection();
    private readonly DbTransaction? _tx = db.Database.CurrentTransaction?.GetDbTransaction();
    private readonly bool _ticks = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;

    // False when the member had already answered; a member invited after the round started
    // gets their participation row now.
    public async Task<bool> MarkAnsweredAsync(PulseAnswerJob j)
    {
        // The participation row keeps only the UTC day, so it cannot be matched to the answer's time.
        var day = Instant(new DateTimeOffset(j.At.UtcDateTime.Date, TimeSpan.Zero));
        var marked = await ExecuteAsync("""UPDATE "PulseParticipations" SET "AnsweredAt" = @day WHERE "RoundId" = @r AND "MemberId" = @m AND "AnsweredAt" IS NULL""",
            ("@day", day), ("@r", j.RoundId), ("@m", j.MemberId));
        if (marked == 1) return true;
        await using var exists = Command("""SELECT COUNT(*) FROM "PulseParticipations" WHERE "RoundId" = @r AND "MemberId" = @m""", ("@r", j.RoundId), ("@m", j.MemberId));
        if (Convert.ToInt64(await exists.ExecuteScalarAsync()) > 0) return false;
        await ExecuteAsync("""INSERT INTO "PulseParticipations" ("RoundId", "MemberId", "WorkspaceId", "AnsweredAt") VALUES (@r, @m, @w, @day)""",
            ("@r", j.RoundId), ("@m", j.MemberId), ("@w", j.WorkspaceId), ("@day", day));
        return true;
    }

    public async Task InsertResponseAsync(PulseAnswerJob j)
    {
        await using var insert = Command("""INSERT INTO "PulseResponses" ("WorkspaceId", "RoundId", "Respondent", "AnsweredAt", "Comment") VALUES (@w, @r, @p, @at, @c) RETURNING "Id" """,
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

    private async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] args)
    {
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync();
    }

    private DbCommand Command(string sql, params (string Name, object Value)[] args)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _tx;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
