using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using CollabBot.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Storage;

// Platform retries recognised by whichever host they reach: two hosts on one PostgreSQL
// database (several hosts need PostgreSQL; a SQLite store keeps its keys in its one process),
// a delivery to the first and its retry to the second.
public sealed class SeenRequestTests
{
    private static Action<Dictionary<string, string?>> OnePostgresDatabase(string database) => s =>
    {
        s["Storage:Provider"] = "Postgres";
        s["Storage:ConnectionString"] = database;
        s["Privacy:PseudonymKey"] = TestDatabase.TestPseudonymKey;
    };

    private static string NewPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            Assert.Skip($"PostgreSQL case skipped: set {TestDatabase.PostgresVariable} to a server connection string (.ci/run starts a private cluster and sets it).");
        return $"{server};Database=collabbot_t_{Guid.NewGuid():N}";
    }

    [Fact]
    public async Task A_slack_event_retried_to_another_host_is_handled_once()
    {
        var database = NewPostgresDatabase();
        await using var first = await SlackHost.StartAsync(configure: OnePostgresDatabase(database));
        await using var second = await SlackHost.StartAsync(configure: OnePostgresDatabase(database));
        static string Envelope(string id, JsonObject e) => new JsonObject
        {
            ["team_id"] = "T0ACME",
            ["api_app_id"] = "A0APP",
            ["type"] = "event_callback",
            ["event_id"] = id,
            ["event_time"] = 1764000000,
            ["event"] = e,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T0ACME", ["user_id"] = "UBOT", ["is_bot"] = true }),
        }.ToJsonString();
        Assert.Equal(HttpStatusCode.OK, (await first.EventAsync(Envelope("Ev-join", new JsonObject
        { ["type"] = "member_joined_channel", ["user"] = "UBOT", ["channel"] = "C0SALES", ["team"] = "T0ACME", ["inviter"] = "U0MAYA" }))).StatusCode);

        var mention = Envelope("Ev-kudos", new JsonObject
        { ["type"] = "app_mention", ["user"] = "U0BEN", ["text"] = "<@UBOT> kudos <@U0ANA> thanks for the deck", ["channel"] = "C0SALES", ["ts"] = "1.1" });
        Assert.Equal(HttpStatusCode.OK, (await first.EventAsync(mention)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.EventAsync(mention)).StatusCode);

        Assert.Equal(1, await first.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync()));
        Assert.Empty(second.Slack.Of("chat.postEphemeral"));
        Assert.Single(first.Slack.Of("chat.postEphemeral"));
    }

    [Fact]
    public async Task A_teams_activity_retried_to_another_host_is_handled_once()
    {
        var database = NewPostgresDatabase();
        await using var first = await TeamsHost.StartAsync(OnePostgresDatabase(database));
        await using var second = await TeamsHost.StartAsync(OnePostgresDatabase(database));
        await TeamsEndpointTests.InstallAsync(first);
        var kudos = first.Command("29:1ben", "kudos <at>Ana</at> great demo", mentions: ("29:1ana", "Ana"));

        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync(kudos)).StatusCode);
        // The Connector's retry, signed for the same service URL, lands on the other host.
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync(kudos, second.Bearer(first.Connector.ServiceUrl))).StatusCode);

        Assert.Equal(1, await TeamsEndpointTests.QueryAsync(first, db => db.Unscoped<KudosPost>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_is_taken_once_until_it_expires_and_a_forgotten_key_is_free_again(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = db.Time;
        var seen = db.Services.GetRequiredService<SeenRequests>();
        await using var scope = db.Scope();
        var services = scope.ServiceProvider;

        Assert.True((await seen.ClaimAsync(services, "k", TimeSpan.FromHours(1), default)).First);
        await seen.CompleteAsync(services, "k", """{"statusCode":200}""", default);
        var again = await seen.ClaimAsync(services, "k", TimeSpan.FromHours(1), default);
        Assert.Equal((false, """{"statusCode":200}"""), (again.First, again.EarlierResponse));

        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True((await seen.ClaimAsync(services, "k", TimeSpan.FromHours(1), default)).First);
        Assert.False((await seen.ClaimAsync(services, "k", TimeSpan.FromHours(1), default)).First);
        await seen.ForgetAsync(services, "k", default);
        Assert.True((await seen.ClaimAsync(services, "k", TimeSpan.FromHours(1), default)).First);
        // The context overload (a caller that holds one) sees the same keys.
        Assert.False((await seen.ClaimAsync(services.GetRequiredService<CollabDbContext>(), "k", TimeSpan.FromHours(1), default)).First);
    }

    // On SQLite (one host) the ids stay in process: an answer is kept for minutes, the id for the hour.
    [Fact]
    public async Task In_process_an_answer_is_dropped_after_minutes_while_the_id_is_still_known_and_nothing_is_written()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var seen = db.Services.GetRequiredService<SeenRequests>();
        await using var scope = db.Scope();
        var services = scope.ServiceProvider;
        Assert.True((await seen.ClaimAsync(services, "k", TimeSpan.FromHours(1), default)).First);
        await seen.CompleteAsync(services, "k", """{"statusCode":200}""", default);

        db.Time.Advance(LocalSeenRequests.KeepAnswers - TimeSpan.FromSeconds(1));
        Assert.Equal((false, """{"statusCode":200}"""), ((await seen.ClaimAsync(services, "k", TimeSpan.FromHours(1), default)) is var a ? (a.First, a.EarlierResponse) : default));
        db.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((false, (string?)null), ((await seen.ClaimAsync(services, "k", TimeSpan.FromHours(1), default)) is var b ? (b.First, b.EarlierResponse) : default));
        Assert.Equal(0, await services.GetRequiredService<CollabDbContext>().Set<SeenRequest>().CountAsync());   // nothing written to the database
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Of_many_hosts_claiming_one_key_at_once_exactly_one_wins(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seen = db.Services.GetRequiredService<SeenRequests>();
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = db.Scope();
            return await seen.ClaimAsync(scope.ServiceProvider, "teams-activity|c|1", TimeSpan.FromHours(1), default);
        }));
        Assert.Single(claims, c => c.First);
    }
}
