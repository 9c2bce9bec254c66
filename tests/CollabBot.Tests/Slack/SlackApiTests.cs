using System.Text.Json.Nodes;
using CollabBot.Slack.Wire;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Slack;

public sealed class SlackApiTests
{
    [Fact]
    public async Task A_short_429_is_waited_out_and_retried_and_ok_false_becomes_a_typed_error()
    {
        await using var host = await SlackHost.StartAsync();
        var api = host.Services.GetRequiredService<SlackApi>();
        host.Slack.NextRateLimit("chat.postMessage", 1);
        var started = DateTime.UtcNow;
        var sent = await api.CallAsync("chat.postMessage", FakeSlack.Token, new JsonObject { ["channel"] = "C1", ["text"] = "hi" }, "T0ACME", "C1",
            ct: TestContext.Current.CancellationToken);
        Assert.True(sent["ok"]!.GetValue<bool>());
        Assert.Equal(2, host.Slack.Of("chat.postMessage").Count());
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the retry honoured Retry-After");

        host.Slack.NextError("chat.postMessage", "channel_not_found");
        var permanent = await Assert.ThrowsAsync<SlackApiException>(() =>
            api.CallAsync("chat.postMessage", FakeSlack.Token, new JsonObject { ["channel"] = "C404" }, "T0ACME", "C404", ct: TestContext.Current.CancellationToken));
        Assert.True(permanent.Permanent);
        var unauthenticated = await Assert.ThrowsAsync<SlackApiException>(() =>
            api.CallAsync("chat.postMessage", "xoxb-wrong", new JsonObject { ["channel"] = "C1" }, "T0ACME", "C1", ct: TestContext.Current.CancellationToken));
        Assert.Equal("invalid_auth", unauthenticated.Error);
    }

    [Fact]
    public async Task A_long_retry_after_goes_back_to_the_caller()
    {
        await using var host = await SlackHost.StartAsync();
        host.Slack.NextRateLimit("chat.update", 30);
        var e = await Assert.ThrowsAsync<SlackRateLimitedException>(() => host.Services.GetRequiredService<SlackApi>()
            .CallAsync("chat.update", FakeSlack.Token, new JsonObject(), "T0ACME", ct: TestContext.Current.CancellationToken));
        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
    }

    [Fact]
    public void Post_message_is_limited_per_channel_and_tiers_follow_slack()
    {
        Assert.Equal(50, SlackRateLimits.LimitPerMinute("chat.update"));
        Assert.Equal(100, SlackRateLimits.LimitPerMinute("views.open"));
        Assert.Equal(20, SlackRateLimits.LimitPerMinute("conversations.list"));
    }

    [Fact]
    public async Task Post_message_to_one_channel_waits_for_its_one_per_second_budget()
    {
        var limits = new SlackRateLimits();
        var started = DateTime.UtcNow;
        for (var i = 0; i < 5; i++) await limits.WaitAsync("T1", "chat.postMessage", "C1", TestContext.Current.CancellationToken);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.5), "a burst of 3, then one a second");
        var other = DateTime.UtcNow;
        await limits.WaitAsync("T1", "chat.postMessage", "C2", TestContext.Current.CancellationToken);
        Assert.True(DateTime.UtcNow - other < TimeSpan.FromSeconds(0.5), "another channel has its own budget");
    }
}
