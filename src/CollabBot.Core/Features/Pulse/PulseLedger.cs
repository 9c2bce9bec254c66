using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Pulse;

// The round's own delivery ledger for `pulse status`: every outbox row the round queued (its
// channel card, the card's updates, reminders, the closing card) by state, and the failures
// grouped by the platform's reason. Never who: reminders go only to members who have not
// answered, so naming a failed reminder's recipient would say who has not answered.
internal static class PulseLedger
{
    private const int ShownFailures = 3;

    public sealed record Failure(OutboxTarget Kind, string Reason, int Count);

    public static async Task<IReadOnlyList<Fact>> ForRoundAsync(BotContext ctx, long roundId)
    {
        var prefix = $"pulse:{roundId}:";
        var rows = ctx.Db.Outbox.Where(m => m.IdempotencyKey.StartsWith(prefix));
        var counts = await rows.GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ctx.Cancellation);
        var failures = await rows.Where(m => m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.DeadLetter)
            .GroupBy(m => new { m.TargetKind, m.Error }).Select(g => new { g.Key.TargetKind, g.Key.Error, Count = g.Count() })
            .OrderByDescending(f => f.Count).Take(ShownFailures).ToListAsync(ctx.Cancellation);
        int Of(params OutboxStatus[] s) => s.Sum(x => counts.GetValueOrDefault(x));
        return Facts(ctx.T, Of(OutboxStatus.Sent), Of(OutboxStatus.Pending, OutboxStatus.Sending), Of(OutboxStatus.Failed, OutboxStatus.DeadLetter),
            [.. failures.Select(f => new Failure(f.TargetKind, f.Error ?? "?", f.Count))]);
    }

    public static IReadOnlyList<Fact> Facts(Texts t, int delivered, int waiting, int failed, IReadOnlyList<Failure> failures)
    {
        if (delivered + waiting + failed == 0) return [];
        var facts = new List<Fact> { new(t["pulse.ledger.title"], t.F("pulse.ledger.counts", delivered, waiting, failed)) };
        facts.AddRange(failures.Select(f => new Fact(t[f.Kind == OutboxTarget.Member ? "pulse.ledger.dm" : "pulse.ledger.channel"],
            f.Count == 1 ? "✗ " + f.Reason : $"✗ {f.Reason} ×{f.Count}")));
        if (failed > 0) facts.Add(new Fact(t["pulse.ledger.retry"], t["deliveries.retry.hint"]));
        return facts;
    }
}
