using System.Text.Json.Nodes;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Teams;

// Every team has an admin: a second team added in a tenant that already has one gets its own.
public sealed class TeamsInstallAdminTests
{
    private const string East = "19:east@thread.tacv2";

    // An activity moved to the East team's general channel.
    private static JsonObject InEast(JsonObject a)
    {
        a["conversation"]!["id"] = East;
        a["channelData"]!["team"] = new JsonObject { ["id"] = East, ["name"] = "East" };
        a["channelData"]!["channel"] = new JsonObject { ["id"] = East };
        return a;
    }

    [Fact]
    public async Task The_person_who_adds_the_app_to_a_second_team_without_a_workspace_admin_in_it_runs_that_team()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);   // Maya adds the app to Sales: she is its admin
        var added = InEast(host.Activity("conversationUpdate", "29:1ben"));
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.Bot });
        await host.PostAsync(added);                   // Ben adds it to East; the roster has no Maya

        var east = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Member>().Where(m => m.Team!.ChannelId == East).ToListAsync());
        Assert.Equal(["29:1ben"], east.Where(m => m.IsAdmin).Select(m => m.PlatformUserId));
        var before = host.Sent().Count;
        await host.PostAsync(InEast(host.Command("29:1ben", "settings")));
        var reply = TeamsEndpointTests.TextsOf(host.Sent().Skip(before));
        Assert.Contains("Team settings", reply);
        Assert.DoesNotContain("Only the team's admins", reply);
    }
}
