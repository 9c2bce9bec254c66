using System.Globalization;
using CollabBot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Benchmarks;

// Writes N teams × 10 members × `weeks` weeks of activity into a migrated SQLite file:
// every member answers a 7-question pulse each week (N = 2,000 → 1.68 M answers), checks
// in on a goal, and teams give kudos and rate handoffs. Tenants and people go in through EF
// Core; the bulk rows through prepared ADO.NET inserts in one transaction, in EF's column
// formats (instants as UTC ticks, dates as yyyy-MM-dd).
internal static class DataGenerator
{
    public const int TeamSize = 10;
    private static readonly string[] Zones = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Shanghai"];
    private static readonly string[] Dims = ["role", "communication", "alignment", "sharing", "recognition", "process", "feedback"];

    public static async Task GenerateAsync(IServiceProvider services, string connectionString, int teams, int weeks, Core.Scoring.IsoWeek last)
    {
        var start = DateTimeOffset.UtcNow.AddYears(-1);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            var workspaces = Enumerable.Range(0, (teams + 9) / 10).Select(i => new Workspace
            { Platform = Platform.Slack, ExternalId = $"T{i:D5}", Name = $"Company {i}", CreatedAt = start }).ToList();
            db.AddRange(workspaces);
            await db.SaveChangesAsync();
            var teamRows = Enumerable.Range(0, teams).Select(i => new Team
            {
                WorkspaceId = workspaces[i / 10].Id,
                Name = $"Team {i}",
                ChannelId = $"C{i:D6}",
                TimeZone = Zones[i % Zones.Length],
                CreatedAt = start
            }).ToList();
            db.AddRange(teamRows);
            await db.SaveChangesAsync();
            db.AddRange(teamRows.SelectMany(t => Enumerable.Range(0, TeamSize).Select(j => new Member
            {
                WorkspaceId = t.WorkspaceId,
                TeamId = t.Id,
                PlatformUserId = $"U{t.Id}-{j}",
                DisplayName = $"Rep {t.Id}-{j}",
                SalesRole = j < 3 ? "SDR" : j < 8 ? "AE" : "CSM",
                IsManager = j == 0,
                JoinedAt = start
            })));
            await db.SaveChangesAsync();
        }

        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync();
        var teamsRows = new List<(long Id, long Ws, long FirstMember)>();
        await using (var q = c.CreateCommand())
        {
            q.CommandText = "SELECT t.Id, t.WorkspaceId, MIN(m.Id) FROM Teams t JOIN Members m ON m.TeamId = t.Id GROUP BY t.Id ORDER BY t.Id";
            await using var r = await q.ExecuteReaderAsync();
            while (await r.ReadAsync()) teamsRows.Add((r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)));
        }
        var ins = new Inserts(c, tx);
        var rnd = new Random(7);
        long round = 0, response = 0, goal = 0, checkIn = 0, kudos = 0, handoff = 0;
        var firstWeek = last.Minus(weeks - 1);
        foreach (var (teamId, ws, m0) in teamsRows)
        {
            var goals = new long[TeamSize];
            for (var j = 0; j < TeamSize; j++)
            {
                goals[j] = ++goal;
                ins.Goal.Run(goal, ws, teamId, m0 + j, $"Goal {j}", 0.0, 100.0, D(firstWeek.Monday.AddDays(-7)), D(last.Monday.AddDays(30)), 0, 0, start.UtcTicks);
            }
            for (var w = 0; w < weeks; w++)
            {
                var week = firstWeek.Plus(w);
                var monday = week.Start(TimeZoneInfo.Utc);
                var sent = monday.AddDays(4).AddHours(15);
                // Closed rounds as the close stores them: answers without times, the round's sorted hours.
                var answered = Enumerable.Range(0, TeamSize).Select(_ => sent.AddMinutes(rnd.Next(10, 2400))).ToArray();
                var hours = string.Join(',', answered.Select(a => (int)(a - sent).TotalHours).Order());
                ins.Round.Run(++round, ws, teamId, week.ToString(), sent.UtcTicks, sent.AddHours(72).UtcTicks, sent.AddHours(72).UtcTicks, 1, hours);
                var variant = week.Week % 2 == 0 ? "a" : "b";
                for (var d = 0; d < Dims.Length; d++) ins.Question.Run(round, ws, $"{Dims[d]}.{variant}", Dims[d], 0, d);
                var mood = 3.2 + rnd.NextDouble() * 1.4;
                for (var j = 0; j < TeamSize; j++)
                {
                    ins.Participation.Run(round, m0 + j, ws);
                    ins.Response.Run(++response, ws, round, $"p-{round}-{j}");
                    for (var d = 0; d < Dims.Length; d++)
                        ins.Answer.Run(response, ws, $"{Dims[d]}.{variant}", Math.Clamp((int)Math.Round(mood + rnd.NextDouble() * 2 - 1), 1, 5));
                    ins.CheckIn.Run(++checkIn, ws, goals[j], monday.AddDays(3).AddHours(9 + rnd.NextDouble()).UtcTicks,
                        (w + 1) * 100.0 / (weeks + 4), rnd.Next(2, 6), rnd.Next(5) == 0 ? (object)"blocked" : DBNull.Value);
                }
                for (var k = rnd.Next(2, 5); k > 0; k--)
                {
                    ins.Kudos.Run(++kudos, ws, teamId, m0 + rnd.Next(TeamSize), "teamwork", "Great work", monday.AddHours(rnd.Next(8, 110)).UtcTicks);
                    ins.Receiver.Run(kudos, m0 + rnd.Next(TeamSize), ws);
                }
                for (var h = 0; h < 2; h++)
                {
                    var at = monday.AddHours(rnd.Next(8, 100));
                    ins.Handoff.Run(++handoff, ws, teamId, m0 + 1 + h, m0 + 3 + h, $"Account {handoff}", "SDR>AE", at.UtcTicks);
                    ins.Feedback.Run(handoff, ws, handoff, rnd.Next(2, 6), rnd.Next(3, 7), 6, "Budget known", at.AddHours(rnd.Next(1, 40)).UtcTicks);
                }
            }
        }
        await tx.CommitAsync();
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Inserts(SqliteConnection c, SqliteTransaction tx)
    {
        public readonly Prepared Goal = new(c, tx, "Goals", "Id, WorkspaceId, TeamId, OwnerId, Title, StartValue, Target, StartDate, DueDate, IsTeamGoal, Archived, CreatedAt");
        public readonly Prepared Round = new(c, tx, "PulseRounds", "Id, WorkspaceId, TeamId, Week, SentAt, ClosesAt, ClosedAt, Published, AnswerHours");
        public readonly Prepared Question = new(c, tx, "PulseRoundQuestions", "RoundId, WorkspaceId, Key, Dimension, Reversed, Position");
        public readonly Prepared Participation = new(c, tx, "PulseParticipations", "RoundId, MemberId, WorkspaceId");
        public readonly Prepared Response = new(c, tx, "PulseResponses", "Id, WorkspaceId, RoundId, Respondent");
        public readonly Prepared Answer = new(c, tx, "PulseAnswers", "ResponseId, WorkspaceId, QuestionKey, Value");
        public readonly Prepared CheckIn = new(c, tx, "CheckIns", "Id, WorkspaceId, GoalId, At, Value, Confidence, Blocker");
        public readonly Prepared Kudos = new(c, tx, "Kudos", "Id, WorkspaceId, TeamId, GiverId, Value, Message, At");
        public readonly Prepared Receiver = new(c, tx, "KudosReceivers", "KudosId, MemberId, WorkspaceId");
        public readonly Prepared Handoff = new(c, tx, "Handoffs", "Id, WorkspaceId, TeamId, FromId, ToId, Subject, RolePair, At");
        public readonly Prepared Feedback = new(c, tx, "HandoffFeedback", "Id, WorkspaceId, HandoffId, Quality, ItemsPresent, ItemsTotal, MissingItems, At");
    }

    private sealed class Prepared
    {
        private readonly SqliteCommand _cmd;

        public Prepared(SqliteConnection c, SqliteTransaction tx, string table, string columns)
        {
            var names = columns.Split(',', StringSplitOptions.TrimEntries);
            _cmd = c.CreateCommand();
            _cmd.Transaction = tx;
            _cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", names.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < names.Length; i++) _cmd.Parameters.Add(new SqliteParameter($"$p{i}", null));
            _cmd.Prepare();
        }

        public void Run(params object[] values)
        {
            for (var i = 0; i < values.Length; i++) _cmd.Parameters[i].Value = values[i];
            _cmd.ExecuteNonQuery();
        }
    }
}
