using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Focus;
using CollabBot.Core.Features.OneOnOne;
using CollabBot.Core.Scoring;
using CollabBot.Tests.Core.Features.Focus;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// Focus actions, the team view and 1:1 agendas as Teams sends and shows them: @mentions with
// their entities, private answers in the 1:1 chat, Adaptive Cards, the channel post via the Connector.
public sealed class TeamsLoopTests
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TeamsHost> InstalledAsync()
    {
        var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        return host;
    }

    // What the bot sent back for one command, each activity as readable JSON.
    private static async Task<List<(string Target, string Body)>> SayAsync(TeamsHost host, string user, string command, params (string Id, string Name)[] mentions)
    {
        var before = host.Sent().Count;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Command(user, command, mentions: mentions))).StatusCode);
        return host.Sent().Skip(before).Select(c => (c.RawTarget, JsonNode.Parse(c.Body)!.ToJsonString(Readable))).ToList();
    }

    private static bool InChannel(string target) => target.Contains(Uri.EscapeDataString(TeamsHost.Channel), StringComparison.Ordinal);

    private static Task<int> StoreAsync(TeamsHost host, IsoWeek week, double recognition) =>
        TeamsEndpointTests.QueryAsync(host, db => StoredDigests.StoreAsync(db, StoredDigests.Week(week.ToString(), ("recognition", recognition, 2))));

    [Fact]
    public async Task A_manager_sets_a_focus_the_channel_gets_it_the_digest_measures_it_and_done_closes_it()
    {
        await using var host = await InstalledAsync();
        var week = IsoWeek.Containing(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
        await StoreAsync(host, week.Minus(2), 48.2);

        var refused = Assert.Single(await SayAsync(host, "29:1ana", "focus recognition Thank a teammate every Friday"));
        Assert.Contains("Only the team's managers can do that.", refused.Body);
        Assert.False(InChannel(refused.Target));
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<FocusAction>().CountAsync()));
        Assert.Contains("Usage: focus", Assert.Single(await SayAsync(host, "29:1maya", "focus 激励")).Body);

        var set = Assert.Single(await SayAsync(host, "29:1maya", "focus 激励认可 Thank a teammate every Friday"));
        Assert.False(InChannel(set.Target));                                           // private: the 1:1 chat
        Assert.Contains("the team's focus is Recognition, starting from 48 ±2", set.Body);

        var sent = host.Sent().Count;
        Assert.True(await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(Ct) >= 1);
        var post = host.Sent().Skip(sent).Select(c => (c.RawTarget, Body: JsonNode.Parse(c.Body)!.ToJsonString(Readable)))
            .Single(c => c.Body.Contains("The team's focus: Recognition"));
        Assert.True(InChannel(post.RawTarget));
        Assert.Contains("application/vnd.microsoft.card.adaptive", post.Body);
        Assert.Contains("“Thank a teammate every Friday”", post.Body);
        Assert.Contains("\"type\":\"mention\"", post.Body);                             // the setter, as a Teams mention

        await StoreAsync(host, week.Minus(1), 63.9);
        var digest = Assert.Single(await SayAsync(host, "29:1maya", "digest"));
        Assert.Contains("Team focus", digest.Body);
        Assert.Contains($"({week.Minus(2)} → {week.Minus(1)}): 48 → 64: ▲ +16, beyond its noise (±6)", digest.Body);

        Assert.Contains("Outcome: 48 → 64: ▲ +16", Assert.Single(await SayAsync(host, "29:1maya", "focus done")).Body);
        Assert.False((await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<FocusAction>().SingleAsync())).Open);
    }

    [Fact]
    public async Task The_team_view_is_an_adaptive_card_for_the_manager_and_refused_to_a_rep()
    {
        await using var host = await InstalledAsync();
        await SayAsync(host, "29:1maya", "goal team Q4 bookings target 2000");
        await SayAsync(host, "29:1ben", "kudos <at>Ana</at> great demo", ("29:1ana", "Ana"));

        var view = Assert.Single(await SayAsync(host, "29:1maya", "team"));
        Assert.False(InChannel(view.Target));
        Assert.Contains("application/vnd.microsoft.card.adaptive", view.Body);
        Assert.Contains("Team view — ", view.Body);
        Assert.Contains("Q4 bookings: target 2000", view.Body);
        Assert.Contains("kudos: 1 received, 0 given", view.Body);

        var refused = Assert.Single(await SayAsync(host, "29:1ana", "team"));
        Assert.Contains("Only the team's managers can do that.", refused.Body);
        Assert.DoesNotContain("adaptive", refused.Body);
    }

    [Fact]
    public async Task A_rep_adds_a_talking_point_the_manager_sees_it_and_another_rep_gets_nothing()
    {
        await using var host = await InstalledAsync();
        Assert.Contains("Added to your 1:1 agenda", Assert.Single(await SayAsync(host, "29:1ben", "1on1 note Can I shadow Ana on an enterprise demo?")).Body);
        Assert.Equal(1, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OneOnOneNote>().CountAsync()));

        var agenda = Assert.Single(await SayAsync(host, "29:1maya", "1on1 <at>Ben</at>", ("29:1ben", "Ben")));
        Assert.False(InChannel(agenda.Target));
        Assert.Contains("1:1 agenda — " + TeamsHost.NameOf("29:1ben"), agenda.Body);          // the name Teams last sent for him
        Assert.Contains("Can I shadow Ana on an enterprise demo?", agenda.Body);

        var refused = Assert.Single(await SayAsync(host, "29:1ana", "1on1 <at>Ben</at>", ("29:1ben", "Ben")));
        Assert.Contains("Only the team's managers can see someone else's 1:1 agenda.", refused.Body);
        Assert.DoesNotContain("shadow", refused.Body);
        Assert.Contains("Usage: 1on1", Assert.Single(await SayAsync(host, "29:1maya", "1on1 Ben")).Body);
    }
}
