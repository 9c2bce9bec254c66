using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// /api/messages through the real pipeline: authentication first, then translation into the
// core, with replies checked where Teams would see them (the Connector) or in the invoke response.
public sealed class TeamsEndpointTests
{
    internal static async Task<T> QueryAsync<T>(TeamsHost host, Func<CollabDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabDbContext>());
    }

    // Maya adds the app to the Sales team: the team, its roster from pagedmembers, a welcome.
    internal static async Task InstallAsync(TeamsHost host)
    {
        var added = host.Activity("conversationUpdate", "29:1maya");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.Bot });
        added["channelData"]!["eventType"] = "teamMemberAdded";
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(added)).StatusCode);
    }

    internal static string TextsOf(IEnumerable<FakeConnector.Call> calls) => string.Join("\n", calls.Select(c => c.Body));

    [Fact]
    public async Task Adding_the_app_to_a_team_makes_the_team_reads_its_roster_and_says_hello()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);

        var team = await QueryAsync(host, db => db.Unscoped<Team>().Include(t => t.Workspace).SingleAsync());
        Assert.Equal(TeamsHost.Channel, team.ChannelId);
        Assert.Equal(Platform.Teams, team.Workspace!.Platform);
        Assert.Equal(TeamsHost.Tenant, team.Workspace.ExternalId);
        var members = await QueryAsync(host, db => db.Unscoped<Member>().OrderBy(m => m.PlatformUserId).Select(m => m.PlatformUserId).ToListAsync());
        Assert.Equal(["29:1ana", "29:1ben", "29:1li", "29:1maya"], members);
        Assert.True(await QueryAsync(host, db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "29:1maya").Select(m => m.IsAdmin).SingleAsync()));
        var reference = await QueryAsync(host, db => db.Unscoped<Installation>().Select(i => i.ConversationRefJson).SingleAsync());
        Assert.Contains(host.Connector.ServiceUrl, reference);
        Assert.Contains(TeamsHost.Tenant, reference);
        var pages = host.Connector.Of("GET", "/pagedmembers").ToList();
        Assert.Equal(2, pages.Count);   // three members, two to a page: the continuation token was followed
        Assert.All(pages, c => Assert.Contains(TeamsHost.TeamId, c.Path));
        var welcome = Assert.Single(host.Sent());
        Assert.Contains("application/vnd.microsoft.card.adaptive", welcome.Body);
        Assert.Contains(Uri.EscapeDataString(TeamsHost.Channel), welcome.RawTarget);
    }

    [Fact]
    public async Task Teams_two_activities_for_one_install_install_once()
    {
        await using var host = await TeamsHost.StartAsync();
        var update = host.Activity("installationUpdate", "29:1maya");
        update["action"] = "add";
        await Task.WhenAll(host.PostAsync(update), InstallAsync(host));
        Assert.Equal(1, await QueryAsync(host, db => db.Unscoped<Installation>().CountAsync()));
        Assert.Single(host.Sent());
    }

    [Fact]
    public async Task A_command_by_mention_in_the_channel_runs_and_private_answers_go_to_the_1_to_1_chat()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        var before = host.Sent().Count;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Command("29:1maya", "pulse now"))).StatusCode);

        Assert.Single(host.Connector.Of("POST", "/v3/conversations"), c => c.Body.Contains("29:1maya") && c.Body.Contains(TeamsHost.Tenant));
        var reply = host.Sent().Skip(before).Single();
        Assert.Contains("for 4 members; each answers privately", reply.Body);
        Assert.DoesNotContain(Uri.EscapeDataString(TeamsHost.Channel), reply.RawTarget);   // not in the channel
        Assert.Single(await QueryAsync(host, db => db.Unscoped<PulseRound>().ToListAsync()));
        Assert.Contains(await QueryAsync(host, db => db.Unscoped<OutboxMessage>().ToListAsync()), m => m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mentions_of_people_reach_the_core_as_people()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        await host.PostAsync(host.Command("29:1ana", "kudos <at>Ben</at> great discovery call", mentions: ("29:1ben", "Ben")));
        var kudos = await QueryAsync(host, db => db.Unscoped<CollabBot.Core.Features.Kudos.KudosPost>().Include(k => k.Receivers).SingleAsync());
        var ben = await QueryAsync(host, db => db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == "29:1ben"));
        Assert.Equal(ben.Id, Assert.Single(kudos.Receivers).MemberId);
        Assert.Contains("great discovery call", kudos.Message);
        Assert.Contains("Kudos sent to Ben", TextsOf(host.Sent()));   // a plain-text reply names people, never `<@29:…>`
    }

    [Fact]
    public async Task Plain_text_in_a_personal_chat_is_a_command_answered_in_that_chat_in_the_users_language()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        var before = host.Sent().Count;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Activity("message", "29:1li", "personal", "help", locale: "zh-CN"))).StatusCode);
        var reply = host.Sent().Skip(before).Single();
        Assert.Contains(Uri.EscapeDataString("a:1:29:1li"), reply.RawTarget);
        Assert.Contains("CollabBot", reply.Body);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", JsonNode.Parse(reply.Body)!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task Someone_who_is_in_no_team_is_told_so_in_a_group_chat_and_nothing_is_made()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        var teams = await QueryAsync(host, db => db.Unscoped<Team>().CountAsync());
        await host.PostAsync(host.Command("29:1zoe", "help", "groupChat"));
        Assert.Equal(teams, await QueryAsync(host, db => db.Unscoped<Team>().CountAsync()));
        Assert.NotEmpty(host.Sent());
    }

    [Fact]
    public async Task Roster_changes_and_removal_from_a_team_are_followed_and_the_tenant_stays()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        var joined = host.Activity("conversationUpdate", "29:1maya");
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:1zoe", ["name"] = "Zoe" });
        await host.PostAsync(joined);
        Assert.Equal("Zoe", await QueryAsync(host, db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "29:1zoe").Select(m => m.DisplayName).SingleAsync()));
        var left = host.Activity("conversationUpdate", "29:1maya");
        left["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = "29:1ben" });
        await host.PostAsync(left);
        Assert.False(await QueryAsync(host, db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "29:1ben").Select(m => m.Active).SingleAsync()));

        var removed = host.Activity("conversationUpdate", "29:1maya");
        removed["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.Bot });
        await host.PostAsync(removed);
        Assert.False(await QueryAsync(host, db => db.Unscoped<Team>().Select(t => t.Active).SingleAsync()));
        Assert.True(await QueryAsync(host, db => db.Unscoped<Workspace>().Select(w => w.Active).SingleAsync()));
    }

    [Fact]
    public async Task A_duplicate_delivery_is_answered_once()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        var command = host.Command("29:1maya", "pulse now");
        await host.PostAsync(command);
        var sent = host.Sent().Count;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(command)).StatusCode);
        Assert.Equal(sent, host.Sent().Count);
        Assert.Single(await QueryAsync(host, db => db.Unscoped<PulseRound>().ToListAsync()));
    }

    // A view (the App Home) is not remembered: its retry is answered again, with the card as it is now.
    [Fact]
    public async Task A_retried_view_is_answered_afresh_and_leaves_nothing_behind()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        var open = host.Invoke("29:1ana", "adaptiveCard/action", new JsonObject
        { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CollabBot.Core.Features.Admin.HomeView.Open, ["data"] = new JsonObject() }, ["trigger"] = "manual" });

        var first = await (await host.PostAsync(open)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var again = await (await host.PostAsync(open)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("application/vnd.microsoft.card.adaptive", first);
        Assert.Equal(first, again);

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Command("29:1ben", "kudos <at>Ana</at> great demo", mentions: ("29:1ana", "Ana")))).StatusCode);
        var later = await (await host.PostAsync(open)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("application/vnd.microsoft.card.adaptive", later);
        Assert.NotEqual(first, later);   // the kudos just received is counted
    }

    // On SQLite the duplicate check is in memory: an activity that dispatches nothing (typing)
    // takes no database connection, and one that does takes only its dispatch's.
    [Fact]
    public async Task The_duplicate_check_takes_no_database_connection_on_sqlite()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        var connections = host.Services.GetRequiredService<CollabBot.Host.Storage.SqliteConnections>();
        var typing = host.Command("29:1ana", "");
        typing["type"] = "typing";
        typing.Remove("text");

        var before = connections.Lent;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(typing)).StatusCode);
        Assert.Equal(before, connections.Lent);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(typing)).StatusCode);   // its retry, recognised: still none
        Assert.Equal(before, connections.Lent);
    }

    [Fact]
    public async Task A_retry_that_arrives_while_the_first_delivery_is_still_handled_does_nothing_twice()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host);
        var command = host.Command("29:1ben", "kudos <at>Ana</at> thanks for the intro", mentions: ("29:1ana", "Ana"));
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.PostAsync(command)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await QueryAsync(host, db => db.Unscoped<CollabBot.Core.Features.Kudos.KudosPost>().ToListAsync()));
    }

    [Fact]
    public async Task Unknown_invokes_get_501_and_other_unknown_activities_200()
    {
        await using var host = await TeamsHost.StartAsync();
        Assert.Equal(HttpStatusCode.NotImplemented, (await host.PostAsync(host.Invoke("29:1ana", "composeExtension/query", new JsonObject()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Activity("typing", "29:1ana"))).StatusCode);
        Assert.Empty(host.Sent());
    }
}
