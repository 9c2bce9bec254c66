using System.Globalization;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Tests.Support;
using CollabBot.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Delivery;

// A pulse card's counter goes out as a refresh: drawn when sent, through the real messengers.
public sealed class RefreshDeliveryTests
{
    private static Task<int> DeliverAsync(IServiceProvider services) => services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);

    private static async Task<List<OutboxMessage>> RowsAsync(SlackHost host) => await host.QueryAsync(db => db.Unscoped<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task A_refresh_is_drawn_when_sent_so_only_the_newest_goes_out_with_every_answer_so_far()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        await DeliverAsync(host.Services);
        var post = (await RowsAsync(host)).Single(m => m.Kind == Outbox.Post && m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal));
        var round = long.Parse(post.IdempotencyKey.Split(':')[1], CultureInfo.InvariantCulture);
        OutboxItem Refresh(string key, long source) => OutboxItem.Refreshing(post.WorkspaceId, key, "C0SALES",
            new LiveCardRef(PulseRounds.LiveChannel, source), DateTimeOffset.UtcNow, post.IdempotencyKey);

        // Two refreshes queued, then two answers recorded: the older is skipped, the newer drawn at the send.
        var invited = await host.QueryAsync(async db =>
        {
            await db.QueueManyAsync([Refresh($"pulse:{round}:count:1", round), Refresh($"pulse:{round}:count:2", round)]);
            await db.SaveChangesAsync();
            var members = await db.Unscoped<PulseParticipation>().Where(p => p.RoundId == round).Select(p => p.MemberId).ToListAsync();
            db.AddRange(new PulseAnswerMark { WorkspaceId = post.WorkspaceId, RoundId = round, Mark = "p-one" },
                new PulseAnswerMark { WorkspaceId = post.WorkspaceId, RoundId = round, Mark = "p-two" });
            await db.SaveChangesAsync();
            return members.Count;
        });
        await DeliverAsync(host.Services);
        var update = Assert.Single(host.Slack.Calls, c => c.Method == "chat.update");
        Assert.Contains($"2 of {invited} answered", update.Body);
        Assert.All((await RowsAsync(host)).Where(m => m.Kind == Outbox.Refresh), m => Assert.Equal(OutboxStatus.Sent, m.Status));

        // A refresh whose round is gone has nothing to draw: it fails with the reason, nothing is sent.
        await host.QueryAsync(async db =>
        {
            await db.QueueManyAsync([Refresh("pulse:gone:count:1", round + 1000)]);
            return await db.SaveChangesAsync();
        });
        await DeliverAsync(host.Services);
        var gone = (await RowsAsync(host)).Single(m => m.IdempotencyKey == "pulse:gone:count:1");
        Assert.Equal(OutboxStatus.Failed, gone.Status);
        Assert.Contains("nothing to show", gone.Error);
        Assert.Single(host.Slack.Calls, c => c.Method == "chat.update");
    }

    [Fact]
    public async Task Teams_updates_the_channel_pulse_card_with_the_count_drawn_when_sent_and_per_viewer_refresh()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        await host.PostAsync(host.Command("29:1maya", "pulse now"));
        await DeliverAsync(host.Services);
        var rows = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().ToListAsync());
        var post = rows.Single(m => m.Kind == Outbox.Post && m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, post.Status);
        var round = long.Parse(post.IdempotencyKey.Split(':')[1], CultureInfo.InvariantCulture);

        // An answer as the dialog stores it, then the writer's cycle, then the send.
        var writer = host.Services.GetRequiredService<PulseAnswerWriter>();
        var ana = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<CollabBot.Core.Storage.Member>().SingleAsync(m => m.PlatformUserId == "29:1ana"));
        Assert.Equal(PulseAnswerResult.Written, await writer.WriteAsync(new(ana.WorkspaceId, round, ana.Id, "p-test",
            DateTimeOffset.UtcNow, 0, [1, 2, 3], TeamsHost.Channel)));
        await writer.FlushCountersAsync();
        var invited = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<PulseParticipation>().CountAsync(p => p.RoundId == round));
        await DeliverAsync(host.Services);

        var update = Assert.Single(host.Connector.Of("PUT", $"/activities/{post.PlatformMessageId!.Split('|')[1]}"));
        Assert.Contains($"1 of {invited} answered", update.Body);
        Assert.Contains("userIds", update.Body);   // drawn per viewer, as the post was
        var refresh = (await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().ToListAsync())).Single(m => m.Kind == Outbox.Refresh);
        Assert.Equal(OutboxStatus.Sent, refresh.Status);
    }
}
