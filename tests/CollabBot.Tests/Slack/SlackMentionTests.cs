using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Kudos;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Slack;

// What a person types and the bot echoes (a kudos message in the channel, a handoff in someone's
// chat) never becomes a live ping for anyone outside the team: only members are mentioned.
// U0EVE is in the workspace but not in #sales.
public sealed class SlackMentionTests
{
    private static async Task<SlackHost> InstalledAsync()
    {
        var host = await SlackHost.StartAsync();
        host.Slack.Users["U0EVE"] = ("Eve", "en-US");
        await host.InstallAndSettleAsync();   // installs #sales: Maya, Ana, Ben
        return host;
    }

    private static async Task<List<string>> DeliveredAsync(SlackHost host)
    {
        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);
        return host.Slack.Of("chat.postMessage").Select(c => Strings(c.Json)).ToList();
    }

    // Every string in a message as Slack reads it (the JSON escapes < and > in transit).
    private static string Strings(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(kv => Strings(kv.Value))),
        JsonArray a => string.Join("\n", a.Select(Strings)),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => "",
    };

    [Fact]
    public async Task A_kudos_message_pings_only_team_members_in_the_channel()
    {
        await using var host = await InstalledAsync();
        var reply = await host.CommandAsync("U0BEN", "kudos <@U0ANA|ana> great demo,<@U0EVE|eve> and thanks <!channel> <!here>");
        Assert.Contains("Kudos sent", await reply.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var posted = Assert.Single(await DeliveredAsync(host));
        Assert.Contains("<@U0ANA>", posted);
        Assert.Contains("<@U0BEN>", posted);
        Assert.DoesNotContain("<@U0EVE", posted);
        Assert.DoesNotContain("<!channel>", posted);
        Assert.DoesNotContain("<!here>", posted);
        Assert.Contains("great demo,eve", await host.QueryAsync(db => db.Unscoped<KudosPost>().Select(k => k.Message).SingleAsync()));
    }

    [Fact]
    public async Task A_mention_typed_into_the_kudos_form_is_no_ping_either()
    {
        await using var host = await InstalledAsync();
        var submitted = await host.InteractionAsync(SlackKudosWire.Submission("<@U0EVE> look, and <@U0MAYA> too").ToJsonString());
        Assert.Contains("Kudos sent", await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var posted = Assert.Single(await DeliveredAsync(host));
        Assert.DoesNotContain("<@U0EVE", posted);
        Assert.Contains("<@U0MAYA>", posted);   // a member stays a real mention
    }

    [Fact]
    public async Task A_handoff_s_subject_and_note_ping_no_one_outside_the_team()
    {
        await using var host = await InstalledAsync();
        var reply = Strings(JsonNode.Parse(await (await host.CommandAsync("U0BEN", "handoff <@U0ANA|ana> Contoso,<@U0EVE|eve>: ask,<@U0EVE> about it"))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.DoesNotContain("<@U0EVE", reply);
        Assert.Contains("<@U0ANA>", reply);

        var toAna = Assert.Single(await DeliveredAsync(host));
        Assert.DoesNotContain("<@U0EVE", toAna);
        var handoff = await host.QueryAsync(db => db.Unscoped<Handoff>().SingleAsync());
        Assert.Equal(("Contoso,eve", "ask,U0EVE about it"), (handoff.Subject, handoff.Note));
    }
}
