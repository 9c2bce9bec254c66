using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using CollabBot.Slack.Wire;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Delivery;

// The engine's pacing, through the real Slack messenger and limiter, SQLite and the local fake
// Slack: a workspace at its own budget neither holds others up nor loses attempts to waiting.
public sealed class OutboxPacingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> WorkspaceAsync(SlackHost host, string id) => await host.QueryAsync(async db =>
    {
        var ws = new Workspace { Platform = Platform.Slack, ExternalId = id, Name = id, CreatedAt = DateTimeOffset.UtcNow };
        db.Add(ws);
        await db.SaveChangesAsync();
        return ws.Id;
    });

    private static Task<int> QueueAsync(SlackHost host, long workspace, string prefix, int count, DateTimeOffset at) => host.QueryAsync(async db =>
    {
        var card = new Card("test", "hello", [new TextBlock("hello")]);
        await db.QueueManyAsync([.. Enumerable.Range(0, count).Select(i => new OutboxItem(workspace, $"{prefix}:{i}", OutboxTarget.Member, $"U{prefix}{i:D3}", card, at))]);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_workspace_over_its_budget_does_not_hold_back_another_and_pacing_costs_no_attempts()
    {
        await using var host = await SlackHost.StartAsync();
        var (busy, quiet) = (await WorkspaceAsync(host, "TBUSY"), await WorkspaceAsync(host, "TQUIET"));
        // The busy workspace's rows are older: a claim by due time alone would take them all first.
        var burst = SlackRateLimits.Burst("chat.postMessage");
        await QueueAsync(host, busy, "B", burst + 40, DateTimeOffset.UtcNow.AddMinutes(-1));
        await QueueAsync(host, quiet, "Q", 3, DateTimeOffset.UtcNow);

        var delivery = host.Services.GetRequiredService<OutboxDelivery>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await host.QueryAsync(db => db.Unscoped<OutboxMessage>().CountAsync(m => m.Status != OutboxStatus.Sent, Ct)) > 0 && DateTime.UtcNow < deadline)
            if (await delivery.RunOnceAsync(Ct) == 0) await Task.Delay(200, Ct);

        var posts = host.Slack.Of("chat.postMessage").Select(c => c.Json["channel"]!.GetValue<string>()).ToList();
        // Every message once.
        Assert.Equal(burst + 40 + 3, posts.Count);
        Assert.Equal(posts.Count, posts.Distinct().Count());
        // The quiet workspace went out with the first claim, before the busy one had even used
        // its burst (claims by due time alone would send it after a full batch of busy rows).
        Assert.All(posts.Select((channel, i) => (channel, i)).Where(p => p.channel.StartsWith("UQ", StringComparison.Ordinal)), p => Assert.True(p.i < burst, $"quiet message sent {p.i + 1}th"));
        var rows = await host.QueryAsync(db => db.Unscoped<OutboxMessage>().ToListAsync(Ct));
        Assert.All(rows, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        // Rows put back by the busy workspace's budget (beyond its burst, 5 a second)
        // still count one attempt: the one that reached Slack.
        Assert.All(rows, m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public void A_paced_row_goes_back_to_the_queue_for_the_wait_and_gets_its_attempt_back()
    {
        var now = DateTimeOffset.UtcNow;
        var row = new OutboxMessage { IdempotencyKey = "k", Target = "U1", Kind = Outbox.Post, PayloadJson = "{}", Status = OutboxStatus.Sending, Attempts = OutboxDelivery.MaxAttempts };
        OutboxDelivery.Apply(row, DeliveryResult.NotYet(TimeSpan.FromSeconds(3), PaceScope.Workspace), now);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(OutboxDelivery.MaxAttempts - 1, row.Attempts);
        // Due again when its slot is within the wait a delivery may spend on it.
        Assert.Equal(now.AddSeconds(3) - Pacing.MaxWait, row.NextAttemptAt);
    }

    [Fact]
    public async Task The_slack_budget_answers_paced_instead_of_waiting_past_max_wait()
    {
        var limits = new SlackRateLimits();
        for (var i = 0; i < SlackRateLimits.ChannelBurst; i++) await limits.WaitAsync("T1", "chat.postMessage", "C1", Ct, TimeSpan.Zero);
        var paced = await Assert.ThrowsAsync<SlackPacedException>(() => limits.WaitAsync("T1", "chat.postMessage", "C1", Ct, TimeSpan.FromMilliseconds(100)));
        Assert.True(paced.PerChannel);
        Assert.InRange(paced.Wait, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        // Nothing was reserved by the refusal: another channel of the workspace still goes at once.
        await limits.WaitAsync("T1", "chat.postMessage", "C2", Ct, TimeSpan.Zero);
    }
}
