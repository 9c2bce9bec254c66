using CollabBot.Core.Bot;

namespace CollabBot.Core.Features.Handoffs;

// `handoff checklist <PAIR>` shows the pair's checklist to anyone in the team;
// `… add <text>` and `… remove <n>` (admins) change the team's own copy of it.
internal static class ChecklistCommand
{
    public static async Task<Reply> RunAsync(BotContext ctx)
    {
        var pair = SalesRoles.ParsePair(ctx.Args[1]);
        var verb = ctx.Args[2].ToLowerInvariant();
        if (pair is null || !(ctx.Args.Count == 2 || (verb == "add" && ctx.Args.Count > 3) || (verb == "remove" && ctx.Args.Count == 4)))
            return ctx.Usage("checklist");
        var team = ctx.RequiredTeam;
        var rows = await HandoffChecklist.RowsAsync(ctx.Db, team.Id, pair, ctx.Cancellation);
        if (ctx.Args.Count == 2) return await ShowAsync(ctx, pair);
        if (!ctx.IsAdmin) return ctx.Say("denied.admin");

        // The first change makes the team's own copy of the defaults.
        if (rows.Count == 0)
        {
            rows = HandoffChecklist.DefaultFor(pair).Select((key, i) => new HandoffChecklistItem
            { WorkspaceId = team.WorkspaceId, TeamId = team.Id, RolePair = pair, Position = i, Key = key }).ToList();
            ctx.Db.AddRange(rows);
        }
        if (verb == "add")
        {
            var text = ctx.Args.Rest(3).Trim();
            if (text.Length > HandoffChecklist.MaxText) return ctx.Say("form.too.long", HandoffChecklist.MaxText);
            if (rows.Count >= HandoffChecklist.MaxItems) return ctx.Say("checklist.full", HandoffChecklist.MaxItems);
            ctx.Db.Add(new HandoffChecklistItem { WorkspaceId = team.WorkspaceId, TeamId = team.Id, RolePair = pair, Position = rows.Count, Text = text });
        }
        else
        {
            if (!int.TryParse(ctx.Args[3], out var n) || n < 1 || n > rows.Count) return ctx.Say("checklist.no.item", ctx.Args[3], rows.Count);
            if (rows.Count == 1) return ctx.Say("checklist.last");
            ctx.Db.Remove(rows[n - 1]);
            for (var i = n; i < rows.Count; i++) rows[i].Position = i - 1;
        }
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return await ShowAsync(ctx, pair);
    }

    private static async Task<Reply> ShowAsync(BotContext ctx, string pair)
    {
        var rows = await HandoffChecklist.RowsAsync(ctx.Db, ctx.RequiredTeam.Id, pair, ctx.Cancellation);
        var items = rows.Count > 0 ? rows.Select(r => HandoffChecklist.Entry(r, ctx.T)).ToList()
            : HandoffChecklist.DefaultFor(pair).Select(k => HandoffChecklist.Entry(k, ctx.T)).ToList();
        return Reply.Show(HandoffCards.Checklist(ctx.T, pair, items, own: rows.Count > 0, ctx.IsAdmin));
    }
}
