using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Comments;

// The author's side of a thread: answering what a manager sent about their comment, with the
// message's button or with `reply <text>`. The command has no token to carry, so it answers
// the latest such message the author received: that message (its outbox row, addressed to
// them and holding the sealed token) is the only record of the thread, so nothing new is
// stored about who wrote what. `forget me` deletes those rows with the route (Erasure).
internal static class CommentAnswers
{
    // Outbox keys of thread messages: to a comment's author, and to a manager.
    public const string Prefix = "comments:";
    public const string ToAuthorKey = Prefix + "a:";
    public const string ToManagerKey = Prefix + "m:";

    public static async Task<Reply> AuthorCommandAsync(BotContext ctx)
    {
        var keys = ctx.Services.GetRequiredService<Pseudonyms>();
        var thread = CommentThreads.ReadToken(keys, await LatestTokenAsync(ctx));
        if (thread is not var (responseId, side) || side == CommentThreads.ToAuthor)
            return ctx.IsManager ? ctx.Usage("reply") : ctx.Say("comments.reply.none");
        var text = ctx.Args.Rest(0).Trim();
        if (text.Length == 0) return ctx.Usage("reply.author");
        if (text.Length > 1000) return ctx.Say("form.too.long", 1000);
        return await ToManagerAsync(ctx, keys, responseId, side, text);
    }

    // The manager named by the token gets the answer with the comment it is about, and a button
    // to answer again; nothing in it names the author.
    public static async Task<Reply> ToManagerAsync(BotContext ctx, Pseudonyms keys, long responseId, string side, string text)
    {
        if (!side.StartsWith('m') || !long.TryParse(side[1..], out var managerId)) return ctx.Say("comments.reply.gone");
        var found = await ctx.Db.PulseResponses.Where(r => r.Id == responseId)
            .Join(ctx.Db.PulseRounds, r => r.RoundId, p => p.Id, (r, p) => new { r.Comment, Round = p }).FirstOrDefaultAsync(ctx.Cancellation);
        if (found is null) return ctx.Say("comments.reply.gone");
        var manager = await ctx.Db.Members.FirstOrDefaultAsync(m => m.Id == managerId && m.TeamId == found.Round.TeamId && m.Active, ctx.Cancellation);
        if (manager is null) return ctx.Say("comments.reply.gone");
        var t = Texts.For(manager.Locale, ctx.RequiredTeam.Locale);
        await ctx.Db.QueueAsync(found.Round.WorkspaceId, ToManagerKey + Guid.NewGuid().ToString("N"), OutboxTarget.Member, manager.PlatformUserId,
            CommentsCards.FromAuthor(t, found.Round.Week, found.Comment ?? "", text, CommentThreads.Token(keys, responseId, CommentThreads.ToAuthor)),
            ctx.Now, null, ctx.Cancellation);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return ctx.Say("comments.sent.anon");
    }

    // The token of the latest manager message this person received (not one that failed to arrive).
    private static async Task<string?> LatestTokenAsync(BotContext ctx)
    {
        var me = ctx.Me.PlatformUserId;
        var payload = await ctx.Db.Outbox
            .Where(m => m.TargetKind == OutboxTarget.Member && m.Target == me && m.IdempotencyKey.StartsWith(ToAuthorKey)
                && m.Status != OutboxStatus.Failed && m.Status != OutboxStatus.DeadLetter)
            .OrderByDescending(m => m.Id).Select(m => m.PayloadJson).FirstOrDefaultAsync(ctx.Cancellation);
        return payload is null ? null
            : CollabJson.Deserialize<Card>(payload).Body.OfType<ActionRow>().SelectMany(r => r.Actions)
                .Select(a => a.Payload?.GetValueOrDefault(CommentsActions.Token)).FirstOrDefault(v => v is not null);
    }
}
