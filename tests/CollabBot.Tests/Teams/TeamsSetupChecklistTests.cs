using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// Whoever adds the app to a team (its first admin) gets the setup checklist in their 1:1 chat,
// once, in their language; the channel gets only the welcome.
public sealed class TeamsSetupChecklistTests
{
    private static async Task<List<FakeConnector.Call>> DeliverAsync(TeamsHost host)
    {
        var before = host.Sent().Count;
        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);
        return host.Sent().Skip(before).ToList();
    }

    private static string Readable(FakeConnector.Call c) => JsonNode.Parse(c.Body)!.ToJsonString(new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static async Task InstallAsync(TeamsHost host, string locale)
    {
        var added = host.Activity("conversationUpdate", "29:1maya", locale: locale);
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.Bot });
        added["channelData"]!["eventType"] = "teamMemberAdded";
        await host.PostAsync(added);
    }

    [Fact]
    public async Task The_person_who_adds_the_app_gets_the_checklist_in_their_personal_chat_once()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host, "en-US");
        var sent = await DeliverAsync(host);
        var checklist = Assert.Single(sent, c => c.Body.Contains("Set up CollabBot"));
        Assert.DoesNotContain(Uri.EscapeDataString(TeamsHost.Channel), checklist.RawTarget);
        Assert.Contains("29:1maya", host.Connector.Of("POST", "/v3/conversations").Last().Body);   // the 1:1 chat was opened with her
        var text = Readable(checklist);
        Assert.Contains("settings timezone", text);
        Assert.Contains("every Friday at", text);
        Assert.Contains("role @name manager", text);

        await InstallAsync(host, "en-US");                                 // added again: no second checklist
        Assert.DoesNotContain(await DeliverAsync(host), c => c.Body.Contains("Set up CollabBot"));
    }

    [Fact]
    public async Task In_chinese_with_chinese_weekdays()
    {
        await using var host = await TeamsHost.StartAsync();
        await InstallAsync(host, "zh-CN");
        var text = Readable(Assert.Single(await DeliverAsync(host), c => c.Body.Contains("CollabBot") && Readable(c).Contains("设置 CollabBot")));
        Assert.Contains("第一次脉搏调查", text);
        Assert.Contains("每星期", text);
        Assert.DoesNotMatch(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)", text);
    }
}
