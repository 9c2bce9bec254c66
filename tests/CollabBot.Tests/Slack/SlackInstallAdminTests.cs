using System.Text.Json.Nodes;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

// Every team has an admin: the bot added to a second channel of a workspace that already has
// teams makes a team someone can run.
public sealed class SlackInstallAdminTests
{
    private static string Envelope(string eventId, JsonObject e) => new JsonObject
    {
        ["team_id"] = "T0ACME",
        ["api_app_id"] = "A0APP",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1764000000,
        ["event"] = e,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T0ACME", ["user_id"] = "UBOT", ["is_bot"] = true }),
    }.ToJsonString();

    private static async Task<SlackHost> WithSecondChannelAsync(List<string> eastMembers)
    {
        var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "help");   // #sales, Maya its admin
        host.Slack.ChannelMembers.Clear();
        host.Slack.ChannelMembers.AddRange(eastMembers);
        await host.EventAsync(Envelope("Ev-east", new JsonObject
        { ["type"] = "member_joined_channel", ["user"] = "UBOT", ["channel"] = "C0EAST", ["team"] = "T0ACME", ["inviter"] = "U0BEN" }));
        return host;
    }

    private static Task<List<string>> AdminsOfEastAsync(SlackHost host) =>
        host.QueryAsync(db => db.Unscoped<Member>().Where(m => m.Team!.ChannelId == "C0EAST" && m.IsAdmin).Select(m => m.PlatformUserId).ToListAsync());

    [Fact]
    public async Task Whoever_adds_the_bot_to_a_channel_without_a_workspace_admin_runs_the_new_team()
    {
        await using var host = await WithSecondChannelAsync(["U0ANA", "U0BEN", "UBOT"]);
        Assert.Equal(["U0BEN"], await AdminsOfEastAsync(host));
        var settings = await (await host.CommandAsync("U0BEN", "settings", channel: "C0EAST")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Team settings", settings);
        Assert.DoesNotContain("Only the team", settings);
    }

    [Fact]
    public async Task A_workspace_admin_in_the_new_channel_is_its_admin_rather_than_whoever_added_the_bot()
    {
        await using var host = await WithSecondChannelAsync(["U0MAYA", "U0ANA", "U0BEN", "UBOT"]);
        Assert.Equal(["U0MAYA"], await AdminsOfEastAsync(host));
    }
}
