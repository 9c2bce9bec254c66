using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// Teams draws a mention for an `<at>` entity the bot sends, under the name the entity gives.
// Those entities come from the roster: never from the names (or ids) the sender typed.
public sealed class TeamsMentionTests
{
    private static JsonArray Entities(FakeConnector.Call sent) =>
        sent.Json["attachments"]![0]!["content"]!["msteams"]?["entities"]?.AsArray() ?? [];

    [Fact]
    public async Task Mentions_the_bot_sends_name_roster_members_only_and_under_their_roster_names()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        await host.SettleInstallAsync();
        var before = host.Sent().Count;

        // Ben's mention entity calls Ana "Everyone", and he types a mention of Eve, who is in no team.
        await host.PostAsync(host.Command("29:1ben", "kudos <at>Everyone</at> great demo,<@29:1eve|Eve>", mentions: ("29:1ana", "Everyone")));
        var reply = TeamsEndpointTests.TextsOf(host.Sent().Skip(before));
        Assert.Contains("Kudos sent to Ana", reply);
        Assert.DoesNotContain("Everyone", reply);

        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);
        var celebration = host.Sent().Skip(before).Single(c => c.Body.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal));
        var entities = Entities(celebration);
        Assert.Equal(["29:1ana", "29:1ben"], entities.Select(e => (string)e!["mentioned"]!["id"]!).Order());
        var roster = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Member>().ToDictionaryAsync(m => m.PlatformUserId, m => m.DisplayName));
        Assert.All(entities, e => Assert.Equal(roster[(string)e!["mentioned"]!["id"]!], (string)e["mentioned"]!["name"]!));
        Assert.DoesNotContain("29:1eve", celebration.Body);
        Assert.DoesNotContain("Everyone", celebration.Body);
    }
}
