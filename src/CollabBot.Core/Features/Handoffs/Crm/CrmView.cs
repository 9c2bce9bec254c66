using CollabBot.Core.Bot;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Handoffs.Crm;

// `handoff crm` (admins): what the workspace's CRM sent in the last 7 days — recorded,
// duplicates, not matched — and the latest calls that were not recorded, with the reason.
internal static class CrmView
{
    private const int Shown = 8;

    public static async Task<Reply> ShowAsync(BotContext ctx)
    {
        if (ctx.Args.Count != 1) return ctx.Usage("handoff");
        if (!ctx.IsAdmin) return ctx.Say("denied.admin");
        var since = ctx.Now.AddDays(-7);
        var events = ctx.Db.Set<CrmEvent>().Where(e => e.At >= since);
        var counts = await events.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ctx.Cancellation);
        int Of(CrmStatus s) => counts.GetValueOrDefault(s.ToString().ToLowerInvariant());
        var misses = await events.Where(e => e.Status != "recorded").OrderByDescending(e => e.Id).Take(Shown).ToListAsync(ctx.Cancellation);
        var zone = ctx.Zone;
        var lines = new List<string> { ctx.T.F("crm.summary", Of(CrmStatus.Recorded), Of(CrmStatus.Duplicate), Of(CrmStatus.Unmatched)) };
        lines.AddRange(misses.Select(e => ctx.T.F("crm.line", TimeZoneInfo.ConvertTime(e.At, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            e.Source, e.ExternalId, ctx.T.Has("crm.reason." + e.Reason) ? ctx.T.F("crm.reason." + e.Reason, e.Detail) : e.Reason)));
        if (counts.Count == 0) lines.Add(ctx.T["crm.none"]);
        return Reply.Private(string.Join("\n", lines));
    }
}
