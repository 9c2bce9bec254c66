using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Tests.Support;
using CollabBot.Tests.Teams;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Delivery;

// The outbox engine against the local fakes of Slack's Web API and the Teams Connector.
public sealed class OutboxDeliveryTests
{
    private static Task<int> DeliverAsync(IServiceProvider services) => services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);

    private static async Task<List<OutboxMessage>> RowsAsync(SlackHost host) => await host.QueryAsync(db => db.Unscoped<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task A_slack_pulse_card_is_posted_once_and_its_counter_updates_that_post()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        Assert.True(await DeliverAsync(host.Services) >= 1);
        var post = Assert.Single(host.Slack.Calls, c => c.Method == "chat.postMessage" && c.Body.Contains("pulse."));
        Assert.Equal("C0SALES", post.Json["channel"]!.GetValue<string>());
        Assert.Equal("Bearer " + FakeSlack.Token, post.Authorization);
        var row = (await RowsAsync(host)).Single(m => m.Kind == Outbox.Post && m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.StartsWith("C0SALES|", row.PlatformMessageId);

        Assert.Equal(0, await DeliverAsync(host.Services));   // nothing twice
        Assert.Single(host.Slack.Calls, c => c.Method == "chat.postMessage" && c.Body.Contains("pulse."));

        // An update of that card (the answered counter) goes to chat.update with the post's ts.
        await host.QueryAsync(async db =>
        {
            await db.QueueAsync(row.WorkspaceId, "pulse:test:count:1", OutboxTarget.Channel, "C0SALES",
                CollabBot.Core.CollabJson.Deserialize<CollabBot.Core.Cards.Card>(row.PayloadJson), DateTimeOffset.UtcNow, row.IdempotencyKey);
            return await db.SaveChangesAsync();
        });
        await DeliverAsync(host.Services);
        var update = Assert.Single(host.Slack.Calls, c => c.Method == "chat.update");
        Assert.Equal(row.PlatformMessageId!.Split('|')[1], update.Json["ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task Throttled_transient_and_permanent_answers_are_told_apart()
    {
        await using var host = await SlackHost.StartAsync();
        await host.InstallAndSettleAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        var id = (await RowsAsync(host)).Single(m => m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal)).Id;
        async Task<OutboxMessage> Row() => (await RowsAsync(host)).Single(m => m.Id == id);
        async Task Due() => await host.QueryAsync(db => db.Unscoped<OutboxMessage>().Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        // Longer than the client waits in-process: the engine reschedules instead.
        host.Slack.Next("chat.postMessage", http => { http.Response.StatusCode = 429; http.Response.Headers.RetryAfter = "30"; return Task.CompletedTask; });
        await DeliverAsync(host.Services);
        var throttled = await Row();
        Assert.Equal(OutboxStatus.Pending, throttled.Status);
        Assert.InRange(throttled.NextAttemptAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));

        await Due();
        host.Slack.NextError("chat.postMessage", "internal_error");
        await DeliverAsync(host.Services);
        var transient = await Row();
        Assert.Equal(OutboxStatus.Pending, transient.Status);
        Assert.Contains("internal_error", transient.Error);
        Assert.Equal(2, transient.Attempts);

        await Due();
        host.Slack.NextError("chat.postMessage", "channel_not_found");
        await DeliverAsync(host.Services);
        var failed = await Row();
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("channel_not_found", failed.Error);
        await Due();
        Assert.Equal(0, await DeliverAsync(host.Services));   // failed for good: not tried again
    }

    [Fact]
    public async Task Managers_see_the_delivery_ledger_with_reasons_and_retry_the_failed()
    {
        await using var host = await SlackHost.StartAsync();
        await host.InstallAndSettleAsync();   // Maya's setup checklist: the one message delivered so far
        await host.CommandAsync("U0MAYA", "pulse now");
        host.Slack.NextError("chat.postMessage", "not_in_channel");
        await DeliverAsync(host.Services);
        async Task<string> Say(string user, string text) => await (await host.CommandAsync(user, text)).Content.ReadAsStringAsync();

        var ledger = await Say("U0MAYA", "deliveries");
        Assert.Contains("1 delivered, 0 waiting, 1 failed", ledger);
        Assert.Contains("not_in_channel", ledger);
        Assert.DoesNotContain("not_in_channel", await Say("U0ANA", "deliveries"));   // reps are refused
        Assert.Contains("Usage", await Say("U0MAYA", "deliveries now"));

        Assert.Contains("1 failed message will be sent again.", await Say("U0MAYA", "deliveries retry"));
        await DeliverAsync(host.Services);
        Assert.Contains("2 delivered, 0 waiting, 0 failed", await Say("U0MAYA", "deliveries"));
    }

    [Fact]
    public async Task The_last_failed_attempt_dead_letters_the_message_with_the_reason()
    {
        var row = new OutboxMessage { IdempotencyKey = "k", Target = "C1", Kind = Outbox.Post, PayloadJson = "{}", Attempts = OutboxDelivery.MaxAttempts };
        OutboxDelivery.Apply(row, DeliveryResult.Transient("Slack chat.postMessage: internal_error"), DateTimeOffset.UtcNow);
        Assert.Equal(OutboxStatus.DeadLetter, row.Status);
        Assert.Contains("internal_error", row.Error);
        Assert.All(Enumerable.Range(1, 12), a => Assert.InRange(OutboxDelivery.Backoff(a).TotalSeconds, 4, 1800 * 1.2));
    }

    // Another host's live claim on a channel (a row in Sending, its lease not lapsed) holds that
    // channel's later rows back, as this host's own sends do: one message's updates cannot
    // overtake each other across hosts. Other channels go on.
    [Fact]
    public async Task A_channel_another_host_is_sending_to_waits_until_its_lease_lapses()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        var pulse = (await RowsAsync(host)).Single(m => m.Kind == Outbox.Post && m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal));
        var now = DateTimeOffset.UtcNow;
        await host.QueryAsync(async db =>
        {
            var claimed = await db.Unscoped<OutboxMessage>().SingleAsync(m => m.Id == pulse.Id);
            (claimed.Status, claimed.NextAttemptAt, claimed.AttemptStartedAt, claimed.Attempts) = (OutboxStatus.Sending, now.AddMinutes(5), now, 1);
            static CollabBot.Core.Cards.Card Note(string text) => new("note", text, [new CollabBot.Core.Cards.TextBlock(text)]);
            await db.QueueAsync(pulse.WorkspaceId, "test:after", OutboxTarget.Channel, "C0SALES", Note("after the pulse"), now);
            await db.QueueAsync(pulse.WorkspaceId, "test:elsewhere", OutboxTarget.Channel, "C0OTHER", Note("elsewhere"), now);
            return await db.SaveChangesAsync();
        });

        await DeliverAsync(host.Services);
        var posts = host.Slack.Calls.Where(c => c.Method == "chat.postMessage").Select(c => c.Json["channel"]!.GetValue<string>()).ToList();
        Assert.Contains("C0OTHER", posts);
        Assert.DoesNotContain("C0SALES", posts);
        Assert.Equal(OutboxStatus.Pending, (await RowsAsync(host)).Single(m => m.IdempotencyKey == "test:after").Status);

        // The other host is gone: once its lease lapses the pulse is taken over, then the note follows.
        await host.QueryAsync(db => db.Unscoped<OutboxMessage>().Where(m => m.Id == pulse.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, now.AddSeconds(-1))));
        for (var i = 0; i < 4 && (await RowsAsync(host)).Any(m => m.Status != OutboxStatus.Sent && m.Target == "C0SALES"); i++) await DeliverAsync(host.Services);
        var sales = host.Slack.Calls.Where(c => c.Method == "chat.postMessage" && c.Json["channel"]!.GetValue<string>() == "C0SALES").ToList();
        Assert.Equal(2, sales.Count);
        Assert.Contains("pulse.", sales[0].Body);
        Assert.Contains("after the pulse", sales[1].Body);
    }

    [Fact]
    public async Task Two_hosts_draining_one_outbox_send_each_message_once()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "pulse now");
        await host.CommandAsync("U0BEN", "kudos <@U0ANA|ana> #teamwork great demo");
        var queued = (await RowsAsync(host)).Count;
        // A second engine over the same database stands for a second host.
        var other = new OutboxDelivery(host.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxDelivery>.Instance);
        var counts = await Task.WhenAll(DeliverAsync(host.Services), other.RunOnceAsync(CancellationToken.None));
        Assert.Equal(queued, counts.Sum());
        Assert.Equal(queued, host.Slack.Calls.Count(c => c.Method == "chat.postMessage"));
        Assert.All(await RowsAsync(host), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Teams_posts_to_the_channel_and_messages_members_in_their_1_to_1_chat()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        await host.PostAsync(host.Command("29:1ben", "kudos <at>Ana</at> great demo", mentions: ("29:1ana", "Ana")));
        var before = host.Sent().Count;
        Assert.True(await DeliverAsync(host.Services) >= 1);
        var sent = host.Sent().Skip(before).ToList();
        var celebration = Assert.Single(sent, c => c.RawTarget.Contains(Uri.EscapeDataString(TeamsHost.Channel)) && c.Body.Contains("adaptive"));
        Assert.Contains("kudos to Ana", celebration.Body);
        var rows = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<OutboxMessage>().ToListAsync());
        Assert.All(rows, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        // Each message to a member went to their 1:1 chat (here the installer's setup checklist).
        var members = rows.Where(m => m.TargetKind == OutboxTarget.Member).ToList();
        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.Contains(host.Connector.Of("POST", "/v3/conversations"), c => c.Body.Contains(m.Target)));
    }
}
