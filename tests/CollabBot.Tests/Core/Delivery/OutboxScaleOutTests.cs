using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using CollabBot.Slack.Delivery;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Delivery;

// Scale-out: two hosts (each its own pipeline, engine and Slack client) on one PostgreSQL
// database, draining one outbox at the same time. Row claims must not overlap: every message
// reaches Slack once, whichever host sent it.
public sealed class OutboxScaleOutTests
{
    private const int Messages = 120;

    [Fact]
    public async Task Two_hosts_on_one_postgres_database_send_each_outbox_row_once()
    {
        var server = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            Assert.Skip($"PostgreSQL case skipped: set {TestDatabase.PostgresVariable} to a server connection string (.ci/run starts a private cluster and sets it).");
        var database = $"{server};Database=collabbot_t_{Guid.NewGuid():N}";
        void OnPostgres(Dictionary<string, string?> s)
        {
            s["Storage:Provider"] = "Postgres";
            s["Storage:ConnectionString"] = database;
            s["Privacy:PseudonymKey"] = TestDatabase.TestPseudonymKey;
        }
        await using var first = await SlackHost.StartAsync(configure: OnPostgres);
        await using var second = await SlackHost.StartAsync(configure: OnPostgres);
        try
        {
            // One message to each of many channels, so Slack's one-a-second per channel does not pace the run.
            await first.QueryAsync(async db =>
            {
                var ws = new Workspace { Platform = Platform.Slack, ExternalId = "T0ACME", Name = "Acme", CreatedAt = DateTimeOffset.UtcNow };
                db.Add(ws);
                await db.SaveChangesAsync();
                await db.QueueManyAsync(Enumerable.Range(0, Messages).Select(i => new OutboxItem(ws.Id, $"scale:{i}", OutboxTarget.Channel, $"C{i:D4}",
                    new Card("note", $"message {i}", [new TextBlock($"message {i}")]), DateTimeOffset.UtcNow)).ToList());
                return await db.SaveChangesAsync();
            });

            var engines = new[] { first, second }.Select(h => h.Services.GetRequiredService<OutboxDelivery>()).ToArray();
            for (var round = 0; round < 20 && await first.QueryAsync(db => db.Unscoped<OutboxMessage>().AnyAsync(m => m.Status != OutboxStatus.Sent)); round++)
            {
                await Task.WhenAll(engines.Select(e => e.RunOnceAsync(CancellationToken.None)));
            }

            var posted = first.Slack.Messages.Concat(second.Slack.Messages).Select(m => m.Metadata?["event_payload"]?["key"]?.GetValue<string>()).ToList();
            Assert.Equal(Messages, posted.Count);
            Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"scale:{i}").Order(), posted.Order());
            // Every send was a first attempt: a claim recognised its own stamp after the round trip
            // through PostgreSQL, so no host looked for an earlier post.
            Assert.Empty(first.Slack.Of("conversations.history").Concat(second.Slack.Of("conversations.history")));
            Assert.All(await first.QueryAsync(db => db.Unscoped<OutboxMessage>().ToListAsync()), m => Assert.Equal(OutboxStatus.Sent, m.Status));
            Assert.All(first.Slack.Messages.Concat(second.Slack.Messages), m => Assert.Equal(SlackMessenger.MetadataEventType, m.Metadata!["event_type"]!.GetValue<string>()));
        }
        finally
        {
            await first.QueryAsync(async db => await db.Database.EnsureDeletedAsync());
        }
    }
}
