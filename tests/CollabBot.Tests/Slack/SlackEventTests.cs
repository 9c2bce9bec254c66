using System.Text.Json.Nodes;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Slack;

public sealed class SlackEventTests
{
    private static string Envelope(string eventId, JsonObject e) => new JsonObject
    {
        ["token"] = "unused",
        ["team_id"] = "T0ACME",
        ["api_app_id"] = "A0APP",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1764000000,
        ["event"] = e,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T0ACME", ["user_id"] = "UBOT", ["is_bot"] = true }),
    }.ToJsonString();

    private static async Task<SlackHost> InstalledByAddingTheBotAsync()
    {
        var host = await SlackHost.StartAsync();
        var joined = await host.EventAsync(Envelope("Ev-join", new JsonObject
        { ["type"] = "member_joined_channel", ["user"] = "UBOT", ["channel"] = "C0SALES", ["team"] = "T0ACME", ["inviter"] = "U0MAYA" }));
        Assert.Equal(System.Net.HttpStatusCode.OK, joined.StatusCode);
        return host;
    }

    [Fact]
    public async Task Adding_the_bot_to_a_channel_makes_it_a_team_posts_a_welcome_and_reads_the_roster()
    {
        await using var host = await InstalledByAddingTheBotAsync();
        var members = await host.QueryAsync(db => db.Unscoped<Member>().OrderBy(m => m.Id).Select(m => m.PlatformUserId).ToListAsync());
        Assert.Equal(["U0ANA", "U0BEN", "U0MAYA"], members.Order());
        Assert.True((await host.QueryAsync(db => db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == "U0MAYA"))).IsAdmin);
        var welcome = host.Slack.Of("chat.postMessage").Single().Json;
        Assert.Equal("C0SALES", welcome["channel"]!.GetValue<string>());
        Assert.NotNull(welcome["text"]);
    }

    // A big channel's roster takes minutes to read (users.info is Tier 4); Slack wants its 200 in 3 s.
    [Fact]
    public async Task Adding_the_bot_is_acknowledged_before_the_roster_is_read_and_the_install_finishes_after()
    {
        await using var host = await SlackHost.StartAsync();
        var release = new TaskCompletionSource();
        host.Slack.Next("conversations.members", async http =>
        {
            await release.Task;
            await http.Response.WriteAsJsonAsync(new { ok = true, members = host.Slack.ChannelMembers, response_metadata = new { next_cursor = "" } });
        });
        var joined = await host.PostSignedAsync("/slack/events", Envelope("Ev-join", new JsonObject
        { ["type"] = "member_joined_channel", ["user"] = "UBOT", ["channel"] = "C0SALES", ["team"] = "T0ACME", ["inviter"] = "U0MAYA" }), "application/json");

        Assert.Equal(System.Net.HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Team>().CountAsync()));   // still reading the roster
        release.SetResult();
        await host.Services.GetRequiredService<CollabBot.Slack.Web.SlackBackground>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<Team>().CountAsync()));
        Assert.Equal(3, await host.QueryAsync(db => db.Unscoped<Member>().CountAsync()));
        Assert.Single(host.Slack.Of("chat.postMessage"));   // the welcome
    }

    [Fact]
    public async Task A_mention_runs_a_command_once_even_when_slack_delivers_it_twice()
    {
        await using var host = await InstalledByAddingTheBotAsync();
        var mention = Envelope("Ev-kudos", new JsonObject
        { ["type"] = "app_mention", ["user"] = "U0BEN", ["text"] = "<@UBOT> kudos <@U0ANA> thanks for the deck", ["channel"] = "C0SALES", ["ts"] = "1.1" });
        await host.EventAsync(mention);
        await host.EventAsync(mention);
        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<CollabBot.Core.Features.Kudos.KudosPost>().CountAsync()));
        var ephemeral = host.Slack.Of("chat.postEphemeral").Single().Json;
        Assert.Equal(("C0SALES", "U0BEN"), (ephemeral["channel"]!.GetValue<string>(), ephemeral["user"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_bots_own_messages_and_unknown_events_are_ignored()
    {
        await using var host = await InstalledByAddingTheBotAsync();
        var before = host.Slack.Calls.Count;
        await host.EventAsync(Envelope("Ev-own", new JsonObject { ["type"] = "app_mention", ["user"] = "UBOT", ["text"] = "<@UBOT> help", ["channel"] = "C0SALES" }));
        await host.EventAsync(Envelope("Ev-botmsg", new JsonObject { ["type"] = "app_mention", ["bot_id"] = "B1", ["text"] = "<@UBOT> help", ["channel"] = "C0SALES" }));
        var unknown = await host.EventAsync(Envelope("Ev-emoji", new JsonObject { ["type"] = "emoji_changed", ["subtype"] = "add" }));
        Assert.Equal(System.Net.HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(before, host.Slack.Calls.Count);
    }

    [Fact]
    public async Task Roster_events_add_and_remove_members_and_uninstall_deactivates()
    {
        await using var host = await InstalledByAddingTheBotAsync();
        host.Slack.Users["U0ZOE"] = ("Zoe", "en-GB");
        await host.EventAsync(Envelope("Ev-j", new JsonObject { ["type"] = "member_joined_channel", ["user"] = "U0ZOE", ["channel"] = "C0SALES" }));
        await host.EventAsync(Envelope("Ev-l", new JsonObject { ["type"] = "member_left_channel", ["user"] = "U0BEN", ["channel"] = "C0SALES" }));
        Assert.Equal("Zoe", (await host.QueryAsync(db => db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == "U0ZOE"))).DisplayName);
        Assert.False((await host.QueryAsync(db => db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == "U0BEN"))).Active);

        await host.EventAsync(Envelope("Ev-u", new JsonObject { ["type"] = "app_uninstalled" }));
        Assert.False((await host.QueryAsync(db => db.Unscoped<Workspace>().SingleAsync())).Active);
    }

    [Fact]
    public async Task Opening_the_app_home_publishes_the_members_own_view()
    {
        await using var host = await InstalledByAddingTheBotAsync();
        await host.CommandAsync("U0ANA", "goal add Pipeline won target 600");
        await host.EventAsync(Envelope("Ev-home", new JsonObject { ["type"] = "app_home_opened", ["user"] = "U0ANA", ["tab"] = "home", ["channel"] = "D0ANA" }));
        var publish = host.Slack.Of("views.publish").Single().Json;
        Assert.Equal("U0ANA", publish["user_id"]!.GetValue<string>());
        Assert.Equal("home", publish["view"]!["type"]!.GetValue<string>());
        Assert.Contains("Pipeline won", publish["view"]!.ToJsonString());
    }
}
