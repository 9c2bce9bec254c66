using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

// `help` in a direct message before CollabBot is in any channel: the commands and how to
// invite it into the team's channel.
public sealed class SlackHelpTests
{
    private static async Task<string> HelpAsync(SlackHost host, string user)
    {
        var response = await host.CommandAsync(user, "help", channel: "D0" + user[2..]);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        return body.ToJsonString(new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Fact]
    public async Task Help_in_a_direct_message_before_any_team_lists_the_commands_and_how_to_invite_the_app()
    {
        await using var host = await SlackHost.StartAsync();
        var help = await HelpAsync(host, "U0MAYA");
        Assert.Contains("/invite @CollabBot", help);
        Assert.Contains("kudos @name", help);
        Assert.DoesNotContain("don't know your team", help);
        Assert.DoesNotContain("Add to a team", help);   // Teams' way, not Slack's
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Team>().CountAsync()));
    }

    [Fact]
    public async Task Help_in_a_direct_message_before_any_team_in_chinese()
    {
        await using var host = await SlackHost.StartAsync();
        var help = await HelpAsync(host, "U0LI");
        Assert.Contains("把 CollabBot 加入团队", help);
        Assert.Contains("/invite @CollabBot", help);
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Team>().CountAsync()));
    }

    [Fact]
    public async Task Other_commands_in_a_direct_message_before_any_team_still_say_what_is_missing()
    {
        await using var host = await SlackHost.StartAsync();
        var response = await host.CommandAsync("U0MAYA", "goal list", channel: "D0MAYA");
        Assert.Contains("don't know your team", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
