using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// Names longer than their columns, and a failure while the caller is being resolved, through
// /api/messages. PostgreSQL refuses an over-long value where SQLite would store it.
public sealed class TeamsBoundsTests
{
    private static Action<Dictionary<string, string?>>? On(string provider)
    {
        if (provider == "sqlite") return null;
        var server = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            Assert.Skip($"PostgreSQL case skipped: set {TestDatabase.PostgresVariable} to a server connection string (.ci/run starts a private cluster and sets it).");
        return s =>
        {
            s["Storage:Provider"] = "Postgres";
            s["Storage:ConnectionString"] = $"{server};Database=collabbot_t_{Guid.NewGuid():N}";
            s["Privacy:PseudonymKey"] = TestDatabase.TestPseudonymKey;
        };
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Names_longer_than_their_columns_are_cut_and_their_owners_are_served(string provider)
    {
        await using var host = await TeamsHost.StartAsync(On(provider));
        // Entra ID allows a 256-character display name; a team's name is as long as its owner likes.
        var added = host.Activity("conversationUpdate", "29:1maya");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.Bot });
        added["from"]!["name"] = new string('M', 250);
        added["channelData"]!["team"]!["name"] = new string('S', 300);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(added)).StatusCode);

        var before = host.Sent().Count;
        var help = host.Command("29:1zed", "help");
        help["from"]!["name"] = "Zed " + new string('z', 246);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(help)).StatusCode);
        Assert.DoesNotContain("Something went wrong", TeamsEndpointTests.TextsOf(host.Sent().Skip(before)));

        var names = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Member>().Select(m => m.DisplayName).ToListAsync());
        Assert.All(names, n => Assert.True(n.Length <= Member.MaxName, $"{n.Length} characters"));
        Assert.Equal(2, names.Count(n => n.Length == Member.MaxName));
        Assert.Equal(Team.MaxName, (await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Team>().SingleAsync())).Name.Length);
    }

    [Fact]
    public async Task A_failure_while_resolving_the_caller_gets_the_generic_error_reply_not_a_500()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        // The database refuses new members: a first-time speaker's join fails while the context is built.
        await TeamsEndpointTests.QueryAsync(host, db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_members BEFORE INSERT ON Members BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"));
        var before = host.Sent().Count;

        var response = await host.PostAsync(host.Command("29:1zed", "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Something went wrong", TeamsEndpointTests.TextsOf(host.Sent().Skip(before)));
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Member>().CountAsync(m => m.PlatformUserId == "29:1zed")));
    }

    // A personal chat's id is about 135 characters in Teams ("a:1…"); the 1:1 message is recorded
    // under it and its activity id, for updating later.
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_1_to_1_message_is_recorded_as_sent_under_a_chat_id_of_real_length(string provider)
    {
        await using var host = await TeamsHost.StartAsync(On(provider));
        await TeamsEndpointTests.InstallAsync(host);
        await host.SettleInstallAsync();
        await host.PostAsync(host.Command("29:1ben", "handoff <at>Ana</at> Contoso: budget confirmed", mentions: ("29:1ana", "Ana")));
        var chat = "a:1" + new string('p', 132);
        host.Connector.Next(http => http.Response.WriteAsJsonAsync(new { id = chat }));   // Ana's 1:1 chat, opened for the handoff card

        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);

        var row = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().SingleAsync(m => m.IdempotencyKey.EndsWith(":received")));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.StartsWith(chat + "|", row.PlatformMessageId);
    }
}
