using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Slack;

// After the app becomes a team in a channel, its admin (here the installer) gets the setup
// checklist in a DM, once, in their own language.
public sealed class SlackSetupChecklistTests
{
    private static async Task<List<string>> DirectMessagesAsync(SlackHost host, string user)
    {
        await host.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(TestContext.Current.CancellationToken);
        return host.Slack.Of("chat.postMessage")
            .Select(c => JsonNode.Parse(c.Body)!.AsObject())
            .Where(m => m["channel"]!.GetValue<string>() is var ch && (ch == user || ch == "D" + user[1..]))
            .Select(m => m.ToJsonString(new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).ToList();
    }

    [Fact]
    public async Task The_installer_gets_the_setup_checklist_by_dm_once()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "help");                 // the first command installs the app in #sales
        var dm = Assert.Single(await DirectMessagesAsync(host, "U0MAYA"), m => m.Contains("Set up CollabBot"));
        Assert.Contains("settings timezone", dm);
        Assert.Contains("every Friday at", dm);
        Assert.Contains("role @name manager", dm);
        Assert.Contains("pulse now", dm);
        Assert.DoesNotContain("(s)", dm);

        await host.CommandAsync("U0MAYA", "help");
        await host.CommandAsync("U0ANA", "help");
        Assert.Single(await DirectMessagesAsync(host, "U0MAYA"), m => m.Contains("Set up CollabBot"));
        Assert.DoesNotContain(await DirectMessagesAsync(host, "U0ANA"), m => m.Contains("Set up CollabBot"));   // a rep gets none
    }

    [Fact]
    public async Task A_chinese_installer_gets_it_in_chinese_without_english_weekdays()
    {
        await using var host = await SlackHost.StartAsync();
        host.Slack.Users["U0MAYA"] = ("Maya", "zh-CN");
        await host.CommandAsync("U0MAYA", "help");
        var dm = Assert.Single(await DirectMessagesAsync(host, "U0MAYA"), m => m.Contains("设置 CollabBot"));
        Assert.Contains("第一次脉搏调查", dm);
        Assert.Contains("每星期", dm);
        Assert.DoesNotMatch(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)", dm);
    }
}
