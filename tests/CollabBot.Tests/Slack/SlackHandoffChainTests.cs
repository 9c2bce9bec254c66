using System.Text.Json.Nodes;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

// The handoff chain through /collab: seats from profile titles and from `role`, a pair's
// checklist edited by an admin, and the rating modal with that list.
public sealed class SlackHandoffChainTests
{
    // The whole answer (text, or a card's blocks) as a person reads it.
    private static async Task<string> TextAsync(HttpResponseMessage r) =>
        System.Text.RegularExpressions.Regex.Unescape(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task Seats_come_from_titles_and_role_and_the_rating_modal_shows_the_pairs_own_list()
    {
        await using var host = await SlackHost.StartAsync();
        host.Slack.Profiles["U0ANA"] = ("ana@acme.example", "Senior Account Executive");
        host.Slack.Profiles["U0BEN"] = ("ben@acme.example", "Marketing Intern");
        await host.CommandAsync("U0MAYA", "help");
        Assert.Equal("AE", await host.QueryAsync(db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "U0ANA").Select(m => m.SalesRole).SingleAsync()));

        Assert.Contains("Sales role of <@U0BEN>: SDR", await TextAsync(await host.CommandAsync("U0MAYA", "role <@U0BEN|ben> sdr")));
        Assert.Contains("Only the team's admins", await TextAsync(await host.CommandAsync("U0BEN", "role <@U0ANA|ana> am")));
        // Slack sends a typed '>' as "&gt;".
        Assert.Contains("7. Champion named", await TextAsync(await host.CommandAsync("U0MAYA", "handoff checklist SDR&gt;AE add Champion named")));
        Assert.Contains("Handoff to <@U0ANA> recorded", await TextAsync(await host.CommandAsync("U0BEN", "handoff <@U0ANA|ana> Contoso: demo Tuesday")));

        var handoff = await host.QueryAsync(db => db.Unscoped<Handoff>().SingleAsync());
        Assert.Equal("SDR>AE", handoff.RolePair);
        await host.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ANA", ["team_id"] = "T0ACME" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["trigger_id"] = "trig-rate",
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = HandoffActions.Rate, ["value"] = $"h={handoff.Id}&t={handoff.TeamId}", ["type"] = "button" }),
        }.ToJsonString());
        var view = System.Text.RegularExpressions.Regex.Unescape(host.Slack.Of("views.open").Single().Json["view"]!.ToJsonString());
        Assert.Contains("Roles: SDR → AE", view);
        Assert.Contains("\"checkboxes\"", view);
        Assert.Contains("Champion named", view);
    }
}
