using System.Globalization;
using CollabBot.Core.Storage;
using CollabBot.Host.Storage;
using CollabBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Storage;

// The SQLite connections requests use, kept open with their prepared statements: every one
// carries the per-connection settings (one without them checkpoints inside a commit, or
// sleeps 150 ms on a busy database), a kept statement holds no read snapshot and no values,
// and a connection left inside a transaction is not lent again.
public sealed class SqliteConnectionsTests
{
    [Fact]
    public async Task Every_connection_a_request_uses_has_the_settings()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var used = new HashSet<object>(ReferenceEqualityComparer.Instance);
        // Several requests at once and one after another: fresh connections and reused ones.
        for (var round = 0; round < 3; round++)
        {
            var scopes = Enumerable.Range(0, 4).Select(_ => db.Scope()).ToList();
            foreach (var scope in scopes)
            {
                var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
                await ctx.Database.OpenConnectionAsync();
                used.Add(ctx.Database.GetDbConnection());
                Assert.Equal(5000, await Pragma(ctx, "busy_timeout"));
                Assert.Equal(0, await Pragma(ctx, "wal_autocheckpoint"));
            }
            foreach (var scope in scopes) await scope.DisposeAsync();
        }
        Assert.Equal(4, used.Count);   // the later rounds got the first round's connections back
    }

    [Fact]
    public async Task A_query_is_prepared_once_per_connection_and_answers_each_request_with_its_own_values()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        List<Member> members;
        await using (var scope = db.Scope())
            members = (await Seed.TeamAsync(scope.ServiceProvider.GetRequiredService<CollabDbContext>(), "w1", size: 5)).Members;

        var made = new List<int>();
        SqliteConnection? used = null;
        foreach (var member in members)
        {
            await using var scope = db.Scope();
            var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            var found = await ctx.Members.IgnoreQueryFilters().FirstAsync(m => m.Id == member.Id);
            Assert.Equal(member.PlatformUserId, found.PlatformUserId);
            used = (SqliteConnection)ctx.Database.GetDbConnection();
            made.Add(SqliteStatements.MadeFor(used));
        }
        // One request at a time gets the same connection back, and after the first request
        // no command is made for the query again: its statement stays prepared.
        Assert.True(made[0] > 0);
        Assert.All(made.Skip(1), n => Assert.Equal(made[0], n));
    }

    [Fact]
    public void A_full_statement_cache_drops_the_text_used_longest_ago()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        var cache = new SqliteStatements.Cache(connection);
        // One-off texts fill it first, as the migrations do on the first connection at startup.
        for (var i = 0; i < SqliteStatements.PerConnection; i++) cache.Give(cache.Take($"SELECT {i}"));
        var hot = cache.Take("SELECT 'hot'");
        cache.Give(hot);
        Assert.Equal(SqliteStatements.PerConnection, cache.Count);
        var made = cache.Made;
        Assert.Same(hot, cache.Take("SELECT 'hot'"));     // kept although the cache was full
        cache.Give(hot);
        cache.Give(cache.Take("SELECT 1"));
        Assert.Equal(made, cache.Made);                     // still kept
        cache.Take("SELECT 0");
        Assert.Equal(made + 1, cache.Made);                 // the oldest made room
        cache.Give(cache.Take("SELECT 'new'"));             // full again: room is made once more
        Assert.Equal(made + 2, cache.Made);
        cache.Take("SELECT 1");
        Assert.Equal(made + 2, cache.Made);                 // used lately: kept, though older than SELECT 2
        cache.Take("SELECT 2");
        Assert.Equal(made + 3, cache.Made);                 // used longest ago: gone
    }

    [Fact]
    public async Task A_kept_statement_holds_no_snapshot_so_a_full_checkpoint_goes_through()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        SqliteConnection kept;
        await using (var scope = db.Scope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            kept = (SqliteConnection)ctx.Database.GetDbConnection();
            await Seed.TeamAsync(ctx, "w1", size: 5);
            // A first row of many, read and left: the reader stops before the end.
            Assert.NotNull(await ctx.Members.IgnoreQueryFilters().OrderBy(m => m.Id).FirstOrDefaultAsync());
            await foreach (var _ in ctx.Members.IgnoreQueryFilters().AsAsyncEnumerable()) break;
        }
        Assert.Equal(System.Data.ConnectionState.Open, kept.State);   // kept open, with its statements

        await using var other = new SqliteConnection(db.Settings["Storage:ConnectionString"]);
        await other.OpenAsync();
        await using var checkpoint = other.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var result = await checkpoint.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync());
        Assert.Equal(0L, result.GetInt64(0)); // 1 would mean a reader kept the log from being emptied
    }

    [Fact]
    public async Task A_connection_left_inside_a_transaction_is_closed_not_lent_again()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        SqliteConnection left;
        await using (var scope = db.Scope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            left = (SqliteConnection)ctx.Database.GetDbConnection();
            // Outside EF, so nothing rolls it back before the lease ends.
            await using var begin = left.CreateCommand();
            begin.CommandText = """BEGIN; INSERT INTO "Workspaces" ("Platform", "ExternalId", "Name", "CreatedAt", "Active", "DefaultLocale") VALUES (0, 'half', 'half', 0, 1, 'en');""";
            await begin.ExecuteNonQueryAsync();
        }
        Assert.Equal(System.Data.ConnectionState.Closed, left.State);

        await using var after = db.Scope();
        var fresh = after.ServiceProvider.GetRequiredService<CollabDbContext>();
        Assert.NotSame(left, fresh.Database.GetDbConnection());
        Assert.False(await fresh.Workspaces.IgnoreQueryFilters().AnyAsync(w => w.ExternalId == "half"));
    }

    private static async Task<long> Pragma(CollabDbContext ctx, string name)
    {
        await using var cmd = ctx.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
