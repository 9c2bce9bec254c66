using Microsoft.Data.Sqlite;

namespace CollabBot.Benchmarks.Peers;

// The durable side of issue #21: a Slack view_submission of the pulse modal, signed, each from a
// member who has not answered that round yet, so every CollabBot 200 is an answer on disk
// (SQLite synchronous=FULL) before it is sent. Bolt gets the same bodies and only acks them.
internal sealed class PeerAnswers(int teams, int size, (long Round, long Team)[] rounds)
{
    // Few, large teams: each team's recurring jobs are set up when the host starts (ScheduleSync),
    // which for hundreds of teams kept the host busy well into the measured runs.
    public const int Teams = 40;
    // What the seed must hold so that no answer repeats: a generous rate times every second a
    // side is driven (warm-up and rounds), plus the probe. Beyond it answers wrap around and are
    // refused kindly (still 200, not durable); the summary compares stored answers with 200s.
    public static int SizeFor(int warmup, int rounds, int seconds) => Math.Max(10, (int)Math.Ceiling(2500.0 * (warmup + rounds * seconds) / Teams));

    private long _next = -1, _bolt = -1;

    public long Sent => Interlocked.Read(ref _next) + 1;
    public int Capacity => teams * size;

    public HttpRequestMessage CollabBot() => Make(Interlocked.Increment(ref _next));
    public HttpRequestMessage Bolt() => Make(Interlocked.Increment(ref _bolt));

    private HttpRequestMessage Make(long i)
    {
        var (team, member) = ((int)(i % teams), (int)(i / teams % size));
        return SlackLoad.Signed("/slack/interactions", "payload=" + Uri.EscapeDataString(SlackLoad.Submission($"U{team:D4}{member:D3}", rounds[team])),
            "application/x-www-form-urlencoded");
    }

    // The seed's members beyond the first ten of each team, as copies of each team's first member
    // joined to its open round, in one transaction: through EF Core the seed of 50,000 members
    // took over two minutes on a busy machine, this takes seconds.
    public static async Task GrowAsync(string db, (long Round, long Team)[] open, int from, int size)
    {
        await using var c = new SqliteConnection($"Data Source={db}");
        await c.OpenAsync();
        var names = new List<string>();
        await using (var info = c.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('Members') WHERE name <> 'Id'";
            await using var r = await info.ExecuteReaderAsync();
            while (await r.ReadAsync()) names.Add(r.GetString(0));
        }
        await using var tx = c.BeginTransaction();
        await using var member = c.CreateCommand();
        member.CommandText = $"INSERT INTO Members ({string.Join(", ", names)}) SELECT "
            + string.Join(", ", names.Select(n => n switch { "PlatformUserId" => "$user", "DisplayName" => "$name", _ => n }))
            + " FROM Members WHERE TeamId = $team AND PlatformUserId = $first";
        var (user, name, team, first) = (member.Parameters.Add("$user", SqliteType.Text), member.Parameters.Add("$name", SqliteType.Text),
            member.Parameters.Add("$team", SqliteType.Integer), member.Parameters.Add("$first", SqliteType.Text));
        await using var take = c.CreateCommand();
        take.CommandText = "INSERT INTO PulseParticipations (RoundId, MemberId, WorkspaceId) SELECT $round, Id, WorkspaceId FROM Members WHERE Id = last_insert_rowid()";
        var round = take.Parameters.Add("$round", SqliteType.Integer);
        for (var t = 0; t < open.Length; t++)
            for (var m = from; m < size; m++)
            {
                (user.Value, name.Value, team.Value, first.Value, round.Value) = ($"U{t:D4}{m:D3}", $"Rep {t}-{m}", open[t].Team, $"U{t:D4}000", open[t].Round);
                await member.ExecuteNonQueryAsync();
                await take.ExecuteNonQueryAsync();
            }
        await tx.CommitAsync();
    }

    public static async Task<long> StoredAsync(string db)
    {
        await using var check = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM PulseSealedAnswers";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
