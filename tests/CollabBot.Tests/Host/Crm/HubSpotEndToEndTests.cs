using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Host.Digest;
using CollabBot.Tests.Core.Features.Digest;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Crm;

// HubSpot end to end: a deal changing owner in HubSpot becomes a handoff, its card reaches the
// receiver in Slack, she rates it there, and the pair shows on the digest page.
public sealed class HubSpotEndToEndTests
{
    private static readonly string[] Deals = ["1001", "1002", "1003"];

    [Fact]
    public async Task A_deal_changing_owner_becomes_a_rated_handoff_that_shows_by_pair_on_the_digest_page()
    {
        await using var rig = await HubSpotRig.StartAsync();
        var (host, hubspot) = (rig.Host, rig.HubSpot);
        await host.CommandAsync("U0MAYA", "settings anonymity 3");
        var contact = new JsonObject { ["eventId"] = 1, ["subscriptionType"] = "contact.creation", ["objectId"] = 77, ["portalId"] = FakeHubSpot.Portal };
        var batch = HubSpotRig.Events([.. Deals.Select((d, i) => hubspot.ChangeOwner(d, "502", HubSpotRig.Start.AddMinutes(10 + i))), contact]);

        var response = await rig.PostAsync(batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var handoffs = await rig.HandoffsAsync();
        Assert.Equal(["SDR>AE Contoso", "SDR>AE Fabrikam", "SDR>AE Northwind"], handoffs.Select(h => $"{h.RolePair} {h.Subject}"));
        var h1 = handoffs[0];
        Assert.Equal(("hubspot", "hubspot:deal:1001", "appointmentscheduled", $"https://app.hubspot.com/contacts/{FakeHubSpot.Portal}/record/0-3/1001"),
            (h1.Source, h1.ExternalId, h1.Stage, h1.Url));
        var dealCall = hubspot.Of("/crm/v3/objects/deals/1001").Single();
        Assert.Contains("propertiesWithHistory=hubspot_owner_id", dealCall.Query);
        Assert.Equal("Bearer " + FakeHubSpot.Token, dealCall.Authorization);
        Assert.NotEmpty(hubspot.Of("/crm/v3/owners/501"));

        // The receiver's cards reach Slack, and she rates each handoff there.
        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);
        var cards = host.Slack.Of("chat.postMessage").Where(c => c.Body.Contains("handoff.rate")).ToList();
        Assert.Equal(3, cards.Count);
        Assert.All(cards, c => Assert.Equal("U0ANA", c.Json["channel"]!.GetValue<string>()));
        foreach (var (card, quality) in cards.Zip([4, 3, 5]))
            await RateInSlackAsync(host, card.Json, quality, quality == 5 ? "budget,decision-maker,need,timeline,next-step,crm" : "budget,need,next-step");
        Assert.Equal(3, await host.QueryAsync(db => db.Unscoped<HandoffFeedback>().CountAsync()));

        // The week's stored digest, opened from its signed link: the pair with its figures.
        var team = await host.QueryAsync(db => db.Unscoped<Team>().SingleAsync());
        var week = IsoWeek.Containing(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
        var snapshot = SampleSnapshots.Make(week.ToString(), 70, team: team.Name, k: 3);
        await host.QueryAsync(db =>
        {
            db.Add(new DigestSnapshot
            {
                WorkspaceId = team.WorkspaceId,
                TeamId = team.Id,
                Week = week.ToString(),
                Model = CeiModel.Id,
                AsOf = snapshot.AsOf,
                ComputedAt = DateTimeOffset.UtcNow,
                Cei = 70,
                Json = CollabJson.Serialize(snapshot)
            });
            return db.SaveChangesAsync();
        });
        var page = new Uri(host.Services.GetRequiredService<SignedDigestLinks>().For(team.Id, week.ToString()).PageUrl).PathAndQuery;
        var html = await host.Client.GetStringAsync(page, TestContext.Current.CancellationToken);
        Assert.Contains("Handoff quality by role pair", html);
        Assert.Contains("<tr><td>SDR → AE</td><td>3</td><td>3</td><td>4.0</td><td>67 %</td><td>Decision maker identified (2×)</td>", html);
    }

    private static async Task RateInSlackAsync(SlackHost host, JsonObject posted, int quality, string items)
    {
        var button = posted["blocks"]!.AsArray().SelectMany(b => b!["elements"] as JsonArray ?? []).First(e => e!["action_id"]?.GetValue<string>() == HandoffActions.Rate)!;
        var opens = host.Slack.Of("views.open").Count();
        await host.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ANA", ["team_id"] = "T0ACME" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["trigger_id"] = "trig-rate",
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = HandoffActions.Rate, ["value"] = button["value"]!.GetValue<string>(), ["type"] = "button" }),
        }.ToJsonString());
        var view = host.Slack.Of("views.open").Skip(opens).Single().Json["view"]!;
        Assert.Contains("SDR → AE", System.Text.RegularExpressions.Regex.Unescape(view.ToJsonString()));
        var state = new JsonObject
        {
            [HandoffActions.Quality] = new JsonObject { [HandoffActions.Quality] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = quality.ToString(CultureInfo.InvariantCulture) } } },
            [HandoffActions.Items] = new JsonObject
            {
                [HandoffActions.Items] = new JsonObject
                {
                    ["type"] = "checkboxes",
                    ["selected_options"] = new JsonArray([.. items.Split(',').Select(i => (JsonNode)new JsonObject { ["value"] = i })])
                }
            },
        };
        var done = await host.InteractionAsync(new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = "U0ANA" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = view["callback_id"]!.GetValue<string>(),
                ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Rate the handoff" },
                ["state"] = new JsonObject { ["values"] = state },
            },
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }
}
