using CollabBot.Core.Bot;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.OneOnOne;

// `1on1 @rep` (managers; a member may ask for their own) shows the rep's agenda privately;
// `1on1 note <text>` (anyone) adds a talking point to their own next 1:1.
internal static class OneOnOneFeature
{
    public static BotRouter MapOneOnOne(this BotRouter bot) => bot.MapCommand("1on1", OneOnOneAsync);

    private static Task<Reply> OneOnOneAsync(BotContext ctx)
    {
        if (ctx.Args[0].Equals("note", StringComparison.OrdinalIgnoreCase) && ctx.Args.Count > 1) return NoteAsync(ctx, ctx.Args.Rest(1).Trim());
        return ctx.Args.Count == 1 && CommandArgs.MentionId(ctx.Args[0]) is { } user ? AgendaAsync(ctx, user) : Task.FromResult(ctx.Usage("1on1"));
    }

    private static async Task<Reply> NoteAsync(BotContext ctx, string text)
    {
        if (text.Length > OneOnOneNote.MaxText) return ctx.Say("form.too.long", OneOnOneNote.MaxText);
        var me = ctx.Me;
        ctx.Db.Add(new OneOnOneNote { WorkspaceId = me.WorkspaceId, TeamId = me.TeamId, MemberId = me.Id, Text = text, At = ctx.Now });
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        var since = AgendaQueries.Since(ctx);
        var count = await ctx.Db.OneOnOneNotes.CountAsync(n => n.MemberId == me.Id && n.At >= since, ctx.Cancellation);
        return ctx.Say(ctx.T.Plural("oneonone.noted", count), count);
    }

    // Someone else's agenda is for managers only; a rep asking for it learns nothing of it,
    // not even whether that person is in the team.
    private static async Task<Reply> AgendaAsync(BotContext ctx, string user)
    {
        if (user != ctx.Me.PlatformUserId && !ctx.IsManager) return ctx.Say("oneonone.denied");
        var rep = await ctx.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.TeamId == ctx.RequiredTeam.Id && m.Active && m.PlatformUserId == user, ctx.Cancellation);
        if (rep is null) return ctx.Say("kudos.outside", $"<@{user}>");
        return Reply.Show(AgendaCards.Agenda(ctx.T, await AgendaQueries.LoadAsync(ctx, rep)));
    }
}
