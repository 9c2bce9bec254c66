using CollabBot.Core.Bot;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Delivery;

// The delivery ledger for managers: `deliveries` counts the workspace's messages of the last
// 7 days by state and lists the latest failures with their reasons; `deliveries retry` sends
// the failed and dead-lettered ones again (their idempotency keys still hold, so nothing that
// was sent goes twice).
internal static class DeliveriesFeature
{
    private const int ShownFailures = 5;

    public static BotRouter MapDeliveries(this BotRouter bot) => bot.MapCommand("deliveries", DeliveriesAsync, Access.Manager);

    private static Task<Reply> DeliveriesAsync(BotContext ctx) => ctx.Args.Count switch
    {
        0 => LedgerAsync(ctx),
        1 when ctx.Args[0].Equals("retry", StringComparison.OrdinalIgnoreCase) => RetryAsync(ctx),
        _ => Task.FromResult(ctx.Usage("deliveries")),
    };

    private static async Task<Reply> LedgerAsync(BotContext ctx)
    {
        var since = ctx.Now.AddDays(-7);
        var counts = await ctx.Db.Outbox.Where(m => m.CreatedAt >= since).GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, ctx.Cancellation);
        int Of(params OutboxStatus[] s) => s.Sum(x => counts.GetValueOrDefault(x));
        var failures = await ctx.Db.Outbox.Where(m => m.CreatedAt >= since && (m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.DeadLetter))
            .OrderByDescending(m => m.Id).Take(ShownFailures).Select(m => new { m.IdempotencyKey, m.Error }).ToListAsync(ctx.Cancellation);
        var lines = new List<string> { ctx.T.F("deliveries.summary", Of(OutboxStatus.Sent), Of(OutboxStatus.Pending, OutboxStatus.Sending), Of(OutboxStatus.Failed, OutboxStatus.DeadLetter)) };
        lines.AddRange(failures.Select(f => ctx.T.F("deliveries.failure", f.IdempotencyKey, f.Error ?? "?")));
        if (failures.Count > 0) lines.Add(ctx.T["deliveries.retry.hint"]);
        return Reply.Private(string.Join("\n", lines));
    }

    private static async Task<Reply> RetryAsync(BotContext ctx)
    {
        var now = ctx.Now;
        var again = await ctx.Db.Outbox.Where(m => m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.DeadLetter)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), ctx.Cancellation);
        return ctx.Say(ctx.T.Plural("deliveries.retried", again), again);
    }
}
