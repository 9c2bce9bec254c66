using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Teams;

// `help` in a personal chat before CollabBot is in any team (right after installing it for
// oneself, or in the Agents Playground): the commands and how to add CollabBot to a team.
public sealed class TeamsHelpTests
{
    private static string Readable(string body) => JsonNode.Parse(body)!.ToJsonString(new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static async Task<string> HelpAsync(TeamsHost host, string user, string locale)
    {
        var before = host.Sent().Count;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Activity("message", user, "personal", "help", locale))).StatusCode);
        var reply = host.Sent().Skip(before).Single();
        Assert.Contains(Uri.EscapeDataString($"a:1:{user}"), reply.RawTarget);
        return Readable(reply.Body);
    }

    private static async Task InstallPersonallyAsync(TeamsHost host, string user)
    {
        var added = host.Activity("conversationUpdate", user, "personal");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.Bot });
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(added)).StatusCode);
        Assert.Equal(1, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Workspace>().CountAsync()));
    }

    [Fact]
    public async Task Help_in_a_personal_chat_before_any_team_lists_the_commands_and_how_to_add_the_app_to_a_team()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallPersonallyAsync(host, "29:1maya");
        var help = await HelpAsync(host, "29:1maya", "en-US");
        Assert.Contains("Add CollabBot to a team", help);
        Assert.Contains("Add to a team", help);
        Assert.Contains("kudos @name", help);
        Assert.DoesNotContain("know your team yet", help);
        Assert.DoesNotContain("/invite", help);   // Slack's way, not Teams'
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Team>().CountAsync()));
    }

    [Fact]
    public async Task Help_in_chinese_before_any_team_and_even_before_any_install_as_in_the_playground()
    {
        await using var host = await TeamsHost.StartAsync();
        var help = await HelpAsync(host, "29:1li", "zh-CN");   // nothing installed: the Playground sends no installationUpdate
        Assert.Contains("把 CollabBot 加入团队", help);
        Assert.Contains("添加到团队", help);
        Assert.DoesNotContain("Ask an admin to add it", help);
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Workspace>().CountAsync()));
    }

    [Fact]
    public async Task Other_commands_before_any_team_still_say_what_is_missing()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallPersonallyAsync(host, "29:1maya");
        var before = host.Sent().Count;
        await host.PostAsync(host.Activity("message", "29:1maya", "personal", "goal list"));
        Assert.Contains("know your team yet", host.Sent().Skip(before).Single().Body);
    }
}
