using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Focus;
using CollabBot.Core.Features.OneOnOne;
using CollabBot.Core.Scoring;
using CollabBot.Slack.Web;
using CollabBot.Tests.Core.Features.Focus;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Slack;

// Focus actions, the team view and 1:1 agendas as Slack sends and shows them: signed slash
// commands, Block Kit answers in the response, the channel post through the Web API.
public sealed class SlackLoopTests
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SlackHost> InstalledAsync()
    {
        var host = await SlackHost.StartAsync();
        await AnswerAsync(host, "U0MAYA", "help");                                  // Maya's first command installs the app
        return host;
    }

    // The answer to a slash command: in the response, or through response_url when it came after the ack.
    private static async Task<JsonObject> AnswerAsync(SlackHost host, string user, string text)
    {
        var seen = host.Slack.Of("response_url").Count();
        var body = await (await host.CommandAsync(user, text)).Content.ReadAsStringAsync(Ct);
        if (body.Length > 0) return JsonNode.Parse(body)!.AsObject();
        await host.Services.GetRequiredService<SlackBackground>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return JsonNode.Parse(host.Slack.Of("response_url").Skip(seen).Single().Body)!.AsObject();
    }

    private static string Text(JsonNode node) => node.ToJsonString(Readable);

    private static Task<int> StoreAsync(SlackHost host, IsoWeek week, double recognition) =>
        host.QueryAsync(db => StoredDigests.StoreAsync(db, StoredDigests.Week(week.ToString(), ("recognition", recognition, 2))));

    [Fact]
    public async Task A_manager_sets_a_focus_the_channel_gets_it_the_digest_measures_it_and_done_closes_it()
    {
        await using var host = await InstalledAsync();
        var week = IsoWeek.Containing(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
        await StoreAsync(host, week.Minus(2), 48.2);

        var refused = await AnswerAsync(host, "U0ANA", "focus recognition Thank a teammate every Friday");
        Assert.Equal("Only the team's managers can do that.", refused["text"]!.GetValue<string>());
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<FocusAction>().CountAsync()));
        Assert.Contains("Usage: focus", Text(await AnswerAsync(host, "U0MAYA", "focus recognition")));

        var set = await AnswerAsync(host, "U0MAYA", "focus recognition Thank a teammate every Friday");
        Assert.Equal("ephemeral", set["response_type"]!.GetValue<string>());
        Assert.Contains("the team's focus is Recognition, starting from 48 ±2", set["text"]!.GetValue<string>());

        Assert.True(await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(Ct) >= 1);
        var post = host.Slack.Of("chat.postMessage").Select(c => c.Json).Single(j => Text(j).Contains("The team's focus: Recognition"));
        Assert.Equal("C0SALES", post["channel"]!.GetValue<string>());
        Assert.Contains("“Thank a teammate every Friday”", Text(post["blocks"]!));
        Assert.Contains("Set by <@U0MAYA>", Text(post["blocks"]!));                // a real Slack mention

        await StoreAsync(host, week.Minus(1), 63.9);
        var digest = await AnswerAsync(host, "U0MAYA", "digest");
        Assert.Contains("Team focus", Text(digest["blocks"]!));
        Assert.Contains($"({week.Minus(2)} → {week.Minus(1)}): 48 → 64: ▲ +16, beyond its noise (±6)", Text(digest["blocks"]!));

        var done = await AnswerAsync(host, "U0MAYA", "focus done Kudos on Fridays stuck");
        Assert.Contains("Outcome: 48 → 64: ▲ +16", done["text"]!.GetValue<string>());
        Assert.False((await host.QueryAsync(db => db.Unscoped<FocusAction>().SingleAsync())).Open);
    }

    [Fact]
    public async Task The_team_view_is_shown_to_the_manager_in_block_kit_and_refused_to_a_rep()
    {
        await using var host = await InstalledAsync();
        await AnswerAsync(host, "U0MAYA", "goal team Q4 bookings target 2000");
        await AnswerAsync(host, "U0BEN", "kudos <@U0ANA|ana> great demo");

        var view = await AnswerAsync(host, "U0MAYA", "team");
        Assert.Equal("ephemeral", view["response_type"]!.GetValue<string>());
        var blocks = view["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.StartsWith("Team view — ", blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Contains("Q4 bookings: target 2000", Text(blocks));
        Assert.Contains("*Ana*\\nkudos: 1 received, 0 given", Text(blocks));

        var refused = await AnswerAsync(host, "U0ANA", "team");
        Assert.Equal("Only the team's managers can do that.", refused["text"]!.GetValue<string>());
        Assert.Null(refused["blocks"]);
    }

    [Fact]
    public async Task A_rep_adds_a_talking_point_the_manager_sees_it_and_another_rep_gets_nothing()
    {
        await using var host = await InstalledAsync();
        var noted = await AnswerAsync(host, "U0BEN", "1on1 note Can I shadow Ana on an enterprise demo?");
        Assert.Contains("Added to your 1:1 agenda", noted["text"]!.GetValue<string>());
        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<OneOnOneNote>().CountAsync()));

        var agenda = await AnswerAsync(host, "U0MAYA", "1on1 <@U0BEN|ben>");
        Assert.Equal("ephemeral", agenda["response_type"]!.GetValue<string>());
        Assert.Contains("1:1 agenda — Ben", Text(agenda["blocks"]!));
        Assert.Contains("Can I shadow Ana on an enterprise demo?", Text(agenda["blocks"]!));

        var refused = await AnswerAsync(host, "U0ANA", "1on1 <@U0BEN|ben>");
        Assert.Equal("Only the team's managers can see someone else's 1:1 agenda.", refused["text"]!.GetValue<string>());
        Assert.DoesNotContain("shadow", Text(refused));
        Assert.Contains("Usage: 1on1", Text(await AnswerAsync(host, "U0ANA", "1on1 ben")));
    }
}
