using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Storage;
using CollabBot.Tests.Host.Crm;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// The handoff chain on Teams: roles and checklists by @mention, the rating dialog with the
// pair's list, and handoffs from a CRM matched through the roster's emails.
public sealed class TeamsHandoffChainTests
{
    private static Task<T> QueryAsync<T>(TeamsHost host, Func<CollabDbContext, Task<T>> query) => TeamsEndpointTests.QueryAsync(host, query);

    private static string Said(TeamsHost host, int before) => System.Text.RegularExpressions.Regex.Unescape(TeamsEndpointTests.TextsOf(host.Sent().Skip(before)));

    [Fact]
    public async Task Roles_and_a_pairs_checklist_are_set_by_mention_and_the_rating_dialog_shows_the_list()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        var before = host.Sent().Count;
        await host.PostAsync(host.Command("29:1maya", "role <at>Ben</at> sdr", mentions: [("29:1ben", "Ben")]));
        await host.PostAsync(host.Command("29:1maya", "role <at>Ana</at> <at>Li Wei</at> ae", mentions: [("29:1ana", "Ana"), ("29:1li", "Li Wei")]));
        Assert.Contains("Sales role of", Said(host, before));
        var seats = await QueryAsync(host, db => db.Unscoped<Member>().OrderBy(m => m.PlatformUserId).Select(m => m.PlatformUserId + "=" + (m.SalesRole ?? "-")).ToListAsync());
        Assert.Equal(["29:1ana=AE", "29:1ben=SDR", "29:1li=AE", "29:1maya=-"], seats);
        Assert.True(await QueryAsync(host, db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "29:1maya").Select(m => m.IsAdmin).SingleAsync()));

        // Teams sends a typed '>' as "&gt;".
        before = host.Sent().Count;
        await host.PostAsync(host.Command("29:1maya", "handoff checklist SDR&gt;AE add Champion named"));
        Assert.Contains("7. Champion named", Said(host, before));
        before = host.Sent().Count;
        await host.PostAsync(host.Command("29:1ben", "handoff checklist SDR&gt;AE remove 1"));
        Assert.Contains("Only the team's admins", Said(host, before));

        await host.PostAsync(host.Command("29:1ben", "handoff <at>Ana</at> Contoso: budget confirmed", mentions: [("29:1ana", "Ana")]));
        var post = await QueryAsync(host, db => db.Unscoped<OutboxMessage>().SingleAsync(m => m.IdempotencyKey.EndsWith(":received")));
        var rate = CollabJson.Deserialize<Card>(post.PayloadJson).Body.OfType<ActionRow>().Single().Actions[0];
        var data = new JsonObject { ["verb"] = rate.ActionId, ["msteams"] = new JsonObject { ["type"] = "task/fetch" } };
        foreach (var (k, v) in rate.Payload!) data[k] = v;
        var response = await host.PostAsync(host.Invoke("29:1ana", "task/fetch", new JsonObject { ["data"] = data }, "personal"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dialog = System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Roles: SDR → AE", dialog);
        Assert.Contains("Champion named", dialog);
        Assert.Contains("Budget known", dialog);
    }

    [Fact]
    public async Task A_crm_handoff_on_teams_finds_people_by_the_rosters_emails_and_reaches_the_receiver()
    {
        await using var host = await TeamsHost.StartAsync(s => s["Crm:WebhookSecret"] = CrmWebhookTests.Secret);
        await TeamsEndpointTests.InstallAsync(host);
        Assert.Equal("ana@contoso.example", await QueryAsync(host, db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "29:1ana").Select(m => m.Email).SingleAsync()));
        await host.PostAsync(host.Command("29:1maya", "role <at>Ben</at> sdr", mentions: [("29:1ben", "Ben")]));
        await host.PostAsync(host.Command("29:1maya", "role <at>Ana</at> ae", mentions: [("29:1ana", "Ana")]));

        var response = await CrmWebhookTests.PostAsync(host.Client, CrmWebhookTests.Body("BEN@contoso.example", "ana@contoso.example"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SDR>AE", (await QueryAsync(host, db => db.Unscoped<Handoff>().SingleAsync())).RolePair);
        var before = host.Sent().Count;
        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Contains(host.Connector.Of("POST", "/v3/conversations"), c => c.Body.Contains("29:1ana"));
        Assert.Contains("Rate this handoff", Said(host, before));

        // Li's email was not in the roster when the app arrived; Teams' roster knows it now.
        var li = host.Connector.Members.FindIndex(m => m.Id == "29:1li");
        host.Connector.Members[li] = host.Connector.Members[li] with { UserPrincipalName = "li.wei@contoso.example" };   // a guest: no email, a UPN
        var pages = host.Connector.Of("GET", "/pagedmembers").Count();
        response = await CrmWebhookTests.PostAsync(host.Client, CrmWebhookTests.Body("ana@contoso.example", "li.wei@contoso.example", id: "0061x00000XyZ"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(host.Connector.Of("GET", "/pagedmembers").Count() > pages);
        Assert.Equal("li.wei@contoso.example", await QueryAsync(host, db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "29:1li").Select(m => m.Email).SingleAsync()));
        Assert.Equal(["SDR>AE", "AE>Rep"], await QueryAsync(host, db => db.Unscoped<Handoff>().OrderBy(h => h.Id).Select(h => h.RolePair).ToListAsync()));

        response = await CrmWebhookTests.PostAsync(host.Client, CrmWebhookTests.Body("ana@contoso.example", "nobody@contoso.example", id: "0061x00000Nope"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, await QueryAsync(host, db => db.Unscoped<Handoff>().CountAsync()));
    }
}
