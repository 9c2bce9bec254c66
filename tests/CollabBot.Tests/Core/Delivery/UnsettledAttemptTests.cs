using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Slack.Delivery;
using CollabBot.Tests.Support;
using CollabBot.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Delivery;

// Exactly once across a crash: a host that dies between the platform's answer and the mark
// leaves a stamped row; the next claim asks Slack before posting again, and only then.
public sealed class UnsettledAttemptTests
{
    private static OutboxDelivery Engine(IServiceProvider services) => services.GetRequiredService<OutboxDelivery>();

    private static Task<List<OutboxMessage>> RowsAsync(SlackHost host) =>
        host.QueryAsync(db => db.Unscoped<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());

    // What a lease running out does to a dead host's row: it becomes due for another claim.
    private static Task<int> ExpireLeasesAsync(Func<Func<CollabBot.Core.Storage.CollabDbContext, Task<int>>, Task<int>> query) =>
        query(db => db.Unscoped<OutboxMessage>().Where(m => m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

    [Fact]
    public async Task A_post_slack_took_before_the_host_died_is_found_by_its_key_and_not_posted_again()
    {
        await using var host = await SlackHost.StartAsync();
        await host.InstallAndSettleAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        var key = (await RowsAsync(host)).Single(m => m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal)).IdempotencyKey;

        // Slack posts the card; the host dies before it reads the answer.
        host.Slack.NextPostThenSilence();
        using (var death = new CancellationTokenSource())
        {
            var run = Engine(host.Services).RunOnceAsync(death.Token);
            while (host.Slack.Messages.IsEmpty) await Task.Delay(10);
            await death.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        var stranded = (await RowsAsync(host)).Single(m => m.IdempotencyKey == key);
        Assert.Equal(OutboxStatus.Sending, stranded.Status);
        Assert.NotNull(stranded.AttemptStartedAt);
        Assert.Empty(host.Slack.Of("conversations.history"));   // the first attempt did not look

        await ExpireLeasesAsync(host.QueryAsync);
        await Engine(host.Services).RunOnceAsync(CancellationToken.None);

        var posted = Assert.Single(host.Slack.Messages);
        Assert.Equal(key, posted.Metadata!["event_payload"]!["key"]!.GetValue<string>());
        Assert.Single(host.Slack.Of("chat.postMessage"));
        var look = Assert.Single(host.Slack.Of("conversations.history"));
        Assert.Contains("include_all_metadata=true", look.Body);
        var row = (await RowsAsync(host)).Single(m => m.IdempotencyKey == key);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal($"C0SALES|{posted.Ts}", row.PlatformMessageId);
        Assert.Null(row.AttemptStartedAt);
    }

    [Fact]
    public async Task A_dm_that_never_reached_slack_is_looked_for_in_the_dm_and_then_posted_once()
    {
        await using var host = await SlackHost.StartAsync();
        await host.InstallAndSettleAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        var card = (await RowsAsync(host)).Single(m => m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal));
        // A claimed DM whose host died before the post left: stamped, lease run out.
        await host.QueryAsync(async db =>
        {
            await db.QueueAsync(card.WorkspaceId, "remind:ana", OutboxTarget.Member, "U0ANA",
                CollabBot.Core.CollabJson.Deserialize<CollabBot.Core.Cards.Card>(card.PayloadJson), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return await db.Unscoped<OutboxMessage>().Where(m => m.IdempotencyKey == "remind:ana").ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.Attempts, 1)
                .SetProperty(m => m.AttemptStartedAt, DateTimeOffset.UtcNow.AddMinutes(-3)).SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        });

        await Engine(host.Services).RunOnceAsync(CancellationToken.None);

        Assert.Equal("U0ANA", Assert.Single(host.Slack.Of("conversations.open")).Json["users"]!.GetValue<string>());
        Assert.Contains("channel=D0ANA", Assert.Single(host.Slack.Of("conversations.history")).Body);
        var dm = Assert.Single(host.Slack.Messages, m => m.Channel == "D0ANA");
        Assert.Equal("remind:ana", dm.Metadata!["event_payload"]!["key"]!.GetValue<string>());
        var row = (await RowsAsync(host)).Single(m => m.IdempotencyKey == "remind:ana");
        Assert.Equal((OutboxStatus.Sent, $"D0ANA|{dm.Ts}"), (row.Status, row.PlatformMessageId));
        // The channel card was a first attempt: posted without a look.
        Assert.Equal(2, host.Slack.Of("chat.postMessage").Count());
        Assert.Single(host.Slack.Of("conversations.history"));
    }

    [Fact]
    public async Task A_timeout_leaves_the_outcome_open_a_throttle_or_a_refusal_does_not()
    {
        OutboxMessage Row() => new() { IdempotencyKey = "k", Target = "C1", Kind = Outbox.Post, PayloadJson = "{}", Attempts = 1, AttemptStartedAt = DateTimeOffset.UtcNow };
        var now = DateTimeOffset.UtcNow;
        var timedOut = Row();
        OutboxDelivery.Apply(timedOut, DeliveryResult.Transient("Slack timed out"), now);
        Assert.NotNull(timedOut.AttemptStartedAt);
        var lookFailed = Row();
        OutboxDelivery.Apply(lookFailed, DeliveryResult.Unresolved(TimeSpan.FromSeconds(60), "rate limited while checking"), now);
        Assert.NotNull(lookFailed.AttemptStartedAt);
        foreach (var known in new[] { DeliveryResult.RetryAfter(TimeSpan.FromSeconds(30), "429"), DeliveryResult.Permanent("channel_not_found"), DeliveryResult.Sent("C1|1.2") })
        {
            var row = Row();
            OutboxDelivery.Apply(row, known, now);
            Assert.Null(row.AttemptStartedAt);
        }
    }

    [Fact]
    public async Task A_look_that_slack_throttles_waits_and_keeps_the_stamp_without_posting()
    {
        await using var host = await SlackHost.StartAsync();
        await host.InstallAndSettleAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        await host.QueryAsync(db => db.Unscoped<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.AttemptStartedAt, DateTimeOffset.UtcNow.AddMinutes(-3))
            .SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        // Non-Marketplace apps get one conversations.history a minute.
        host.Slack.NextRateLimit("conversations.history", 60);
        await Engine(host.Services).RunOnceAsync(CancellationToken.None);
        Assert.Empty(host.Slack.Of("chat.postMessage"));
        var rows = await RowsAsync(host);
        Assert.Equal(2, rows.Count);   // the setup checklist (sent) and the pulse card
        var row = rows.Single(m => m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.NotNull(row.AttemptStartedAt);
        Assert.InRange(row.NextAttemptAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task Teams_cannot_be_asked_so_a_stranded_message_is_sent_again_once_never_lost()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        await host.PostAsync(host.Command("29:1ben", "kudos <at>Ana</at> great demo", mentions: ("29:1ana", "Ana")));
        var queued = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().CountAsync());
        await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.AttemptStartedAt, DateTimeOffset.UtcNow.AddMinutes(-3))
            .SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var before = host.Sent().Count;

        Assert.Equal(queued, await Engine(host.Services).RunOnceAsync(CancellationToken.None));
        Assert.Equal(queued, host.Sent().Count - before);
        Assert.All(await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().ToListAsync()), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal(0, await Engine(host.Services).RunOnceAsync(CancellationToken.None));
    }
}
