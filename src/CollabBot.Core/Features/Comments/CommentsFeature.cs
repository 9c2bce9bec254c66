using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Comments;

// `comments [yyyy-Www]` and `reply [yyyy-Www] <n> <text>` (managers), and the anonymous
// back-and-forth their messages carry (CommentThreads says what is sealed and why).
internal static class CommentsFeature
{
    public static BotRouter MapComments(this BotRouter bot) => bot
        .MapCommand("comments", CommentsAsync, Access.Manager)
        // Managers answer comment n; anyone answers back what a manager sent them (CommentAnswers).
        .MapCommand("reply", ReplyAsync)
        .MapAction(CommentsActions.Answer, OpenAsync)
        .MapSubmit(CommentsActions.Send, SendAsync);

    private static async Task<Reply> CommentsAsync(BotContext ctx)
    {
        IsoWeek? week = null;
        if (ctx.Args.Count > 1 || (ctx.Args.Count == 1 && !IsoWeek.TryParse(ctx.Args[0], out _))) return ctx.Usage("comments");
        if (ctx.Args.Count == 1) week = IsoWeek.Parse(ctx.Args[0]);
        var view = await LoadAsync(ctx, week);
        return Refusal(ctx, view) ?? Reply.Show(CommentsCards.List(ctx.T, view.Round!.Week, view.Comments.Select(c => c.Text).ToList()));
    }

    private static async Task<Reply> ReplyAsync(BotContext ctx)
    {
        IsoWeek? week = ctx.Args.Count > 0 && IsoWeek.TryParse(ctx.Args[0], out var w) ? w : null;
        var at = week is null ? 0 : 1;
        if (!ctx.IsManager || ctx.Args.Count < at + 2 || !int.TryParse(ctx.Args[at], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return await CommentAnswers.AuthorCommandAsync(ctx);
        var text = ctx.Args.Rest(at + 1).Trim();
        if (text.Length == 0) return ctx.Usage("reply");
        if (text.Length > 1000) return ctx.Say("form.too.long", 1000);
        var view = await LoadAsync(ctx, week);
        if (Refusal(ctx, view) is { } refused) return refused;
        if (n < 1 || n > view.Comments.Count) return ctx.Say("comments.reply.unknown", n, view.Round!.Week);
        return await ToAuthorAsync(ctx, view.Round!, view.Comments[n - 1].ResponseId, text);
    }

    // A round past its closing time is closed first (as a digest does), so it never reads "still open".
    private static async Task<CommentsView> LoadAsync(BotContext ctx, IsoWeek? week)
    {
        await RoundClosing.CloseDueAsync(ctx.Db, ctx.Services.GetRequiredService<Pseudonyms>(), [ctx.RequiredTeam.Id], ctx.Now, ctx.Cancellation);
        return await CommentThreads.LoadAsync(ctx.Db, ctx.RequiredTeam, week, ctx.Cancellation);
    }

    private static Reply? Refusal(BotContext ctx, CommentsView view) => view.State switch
    {
        CommentsState.NoRound => ctx.Say("pulse.none"),
        CommentsState.Open => ctx.Say("comments.open", view.Round!.Week, PulseRounds.Local(view.Round.ClosesAt, ctx.RequiredTeam, ctx.T)),
        CommentsState.Sealed => ctx.Say("comments.sealed", view.Round!.Week, view.Round.AnonymityThreshold ?? ctx.RequiredTeam.EffectiveAnonymity),
        _ => null,
    };

    private static Task<Reply> OpenAsync(BotContext ctx) =>
        Task.FromResult<Reply>(new FormReply(CommentsCards.Write(ctx.T, ctx.Interaction.Value(CommentsActions.Token))));

    private static async Task<Reply> SendAsync(BotContext ctx)
    {
        var keys = ctx.Services.GetRequiredService<Pseudonyms>();
        if (CommentThreads.ReadToken(keys, ctx.Interaction.Value(CommentsActions.Token)) is not var (responseId, side)) return ctx.Say("comments.reply.gone");
        var text = ctx.Interaction.Value(CommentsActions.Text).Trim();
        if (text.Length == 0) return new FormErrorsReply(new Dictionary<string, string> { [CommentsActions.Text] = ctx.T["form.required"] });
        if (text.Length > 1000) return new FormErrorsReply(new Dictionary<string, string> { [CommentsActions.Text] = ctx.T.F("form.too.long", 1000) });
        if (side != CommentThreads.ToAuthor) return await CommentAnswers.ToManagerAsync(ctx, keys, responseId, side, text);
        var found = await ctx.Db.PulseResponses.Where(r => r.Id == responseId)
            .Join(ctx.Db.PulseRounds, r => r.RoundId, p => p.Id, (r, p) => p).FirstOrDefaultAsync(ctx.Cancellation);
        if (found is null) return ctx.Say("comments.reply.gone");
        // Only a manager of the comment's team writes to its author.
        var me = await ctx.Db.Members.FirstOrDefaultAsync(m => m.TeamId == found.TeamId && m.PlatformUserId == ctx.Me.PlatformUserId
            && m.Active && (m.IsManager || m.IsAdmin), ctx.Cancellation);
        return me is null ? ctx.Say("denied.manager") : await ToAuthorAsync(ctx, found, responseId, text, me);
    }

    // The route is unsealed only to queue the message; the outbox row names the author as any
    // direct message does, with an opaque key and no trace of the comment.
    private static async Task<Reply> ToAuthorAsync(BotContext ctx, PulseRound round, long responseId, string text, Member? sender = null)
    {
        var keys = ctx.Services.GetRequiredService<Pseudonyms>();
        var route = await ctx.Db.PulseResponses.Where(r => r.Id == responseId).Select(r => r.ReplyRoute).FirstOrDefaultAsync(ctx.Cancellation);
        var author = CommentThreads.OpenRoute(keys, route) is { } user
            ? await ctx.Db.Members.FirstOrDefaultAsync(m => m.TeamId == round.TeamId && m.PlatformUserId == user && m.Active, ctx.Cancellation)
            : null;
        if (author is null) return ctx.Say("comments.reply.gone");
        var from = sender ?? ctx.Me;
        var t = Texts.For(author.Locale, ctx.RequiredTeam.Locale);
        await ctx.Db.QueueAsync(round.WorkspaceId, CommentAnswers.ToAuthorKey + Guid.NewGuid().ToString("N"), OutboxTarget.Member, author.PlatformUserId,
            CommentsCards.ToAuthor(t, round.Week, text, CommentThreads.Token(keys, responseId, "m" + from.Id)), ctx.Now, null, ctx.Cancellation);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return ctx.Say("comments.reply.sent");
    }
}
