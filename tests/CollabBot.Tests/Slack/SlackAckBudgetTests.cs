using System.Text.Json.Nodes;
using CollabBot.Tests.Support;

namespace CollabBot.Tests.Slack;

public sealed class SlackAckBudgetTests
{
    [Fact]
    public async Task Work_that_outlasts_the_ack_budget_is_acked_empty_and_answered_through_response_url()
    {
        await using var host = await SlackHost.StartAsync(configure: s => s["Slack:AckBudgetMilliseconds"] = "0");
        await host.CommandAsync("U0MAYA", "help");                                   // installs
        var ack = await host.CommandAsync("U0BEN", "kudos <@U0ANA> thanks for the intro");
        Assert.Equal(System.Net.HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("", await ack.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        FakeSlack.Call? later = null;
        for (var i = 0; i < 100 && later is null; i++)
        {
            later = host.Slack.Of("response_url").FirstOrDefault(c => c.Body.Contains("Kudos sent", StringComparison.Ordinal));
            if (later is null) await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.NotNull(later);
        var message = JsonNode.Parse(later.Body)!.AsObject();
        Assert.Equal("ephemeral", message["response_type"]!.GetValue<string>());
        Assert.False(message["replace_original"]!.GetValue<bool>());
    }
}
