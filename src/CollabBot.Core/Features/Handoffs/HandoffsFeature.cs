using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Handoffs;

// `handoff @to <subject>[: note]`, then the receiver rates it once and the giver hears back.
internal static class HandoffsFeature
{
    public static BotRouter MapHandoffs(this BotRouter bot) => bot
        .MapCommand("handoff", RecordAsync)
        .MapAction(HandoffActions.Rate, OpenRatingAsync)
        .MapSubmit(HandoffActions.Submit, SubmitRatingAsync);

    private static async Task<Reply> RecordAsync(BotContext ctx)
    {
        var to = CommandArgs.MentionId(ctx.Args[0]);
        var text = ctx.Args.Rest(1);
        var colon = text.IndexOf(':');
        var subject = (colon >= 0 ? text[..colon] : text).Trim();
        var note = colon >= 0 ? text[(colon + 1)..].Trim() : "";
        if (to is null || subject.Length == 0 || ctx.Args.Mentions.Count != 1) return ctx.Usage("handoff");
        if (subject.Length > 200 || note.Length > 1000) return ctx.Say("form.too.long", subject.Length > 200 ? 200 : 1000);
        var me = ctx.Me;
        if (to == me.PlatformUserId) return ctx.Say("handoff.self");
        var receiver = await ctx.Db.Members.FirstOrDefaultAsync(m => m.TeamId == ctx.RequiredTeam.Id && m.Active && m.PlatformUserId == to, ctx.Cancellation);
        if (receiver is null) return ctx.Say("kudos.outside", $"<@{to}>");
        (subject, note) = (await ctx.MembersOnlyAsync(subject), await ctx.MembersOnlyAsync(note));

        var handoff = new Handoff
        {
            WorkspaceId = me.WorkspaceId, TeamId = ctx.RequiredTeam.Id, FromId = me.Id, ToId = receiver.Id, Subject = subject,
            Note = note.Length > 0 ? note : null, RolePair = $"{me.SalesRole ?? "Rep"}>{receiver.SalesRole ?? "Rep"}", At = ctx.Now,
        };
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ctx.Cancellation);
        ctx.Db.Add(handoff);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        var t = Texts.For(receiver.Locale, ctx.RequiredTeam.Locale);
        await ctx.ToMemberAsync(receiver, $"handoff:{handoff.Id}:received",
            HandoffCards.Received(t, handoff.Id, handoff.TeamId, me.DisplayName, subject, handoff.Note, handoff.RolePair));
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        await tx.CommitAsync(ctx.Cancellation);
        return ctx.Say("handoff.recorded", $"<@{to}>", subject);
    }

    private static async Task<Reply> OpenRatingAsync(BotContext ctx)
    {
        var (handoff, refusal) = await RateableAsync(ctx);
        return handoff is null ? refusal! : new FormReply(HandoffCards.Rating(ctx.T, handoff.Id, handoff.Subject));
    }

    private static async Task<Reply> SubmitRatingAsync(BotContext ctx)
    {
        var (handoff, refusal) = await RateableAsync(ctx);
        if (handoff is null) return refusal!;
        var errors = new Dictionary<string, string>();
        if (!int.TryParse(ctx.Interaction.Value(HandoffActions.Quality), out var quality) || quality is < 1 or > 5)
            errors[HandoffActions.Quality] = ctx.T["pulse.form.required"];
        var comment = ctx.Interaction.Value(HandoffActions.Comment).Trim();
        if (comment.Length > 1000) errors[HandoffActions.Comment] = ctx.T.F("form.too.long", 1000);
        if (errors.Count > 0) return new FormErrorsReply(errors);

        var chosen = ctx.Interaction.Value(HandoffActions.Items).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var present = Checklist.Items.Where(i => chosen.Contains(i.Id)).ToList();
        var missing = Checklist.Items.Where(i => !chosen.Contains(i.Id)).ToList();
        var feedback = new HandoffFeedback
        {
            WorkspaceId = handoff.WorkspaceId, HandoffId = handoff.Id, Quality = quality, ItemsPresent = present.Count,
            ItemsTotal = Checklist.Items.Count, MissingItems = string.Join('\n', missing.Select(m => m.En)),
            Comment = comment.Length > 0 ? await ctx.MembersOnlyAsync(comment) : null, At = ctx.Now,
        };
        var giver = await ctx.Db.Members.FirstAsync(m => m.Id == handoff.FromId, ctx.Cancellation);
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ctx.Cancellation);
        ctx.Db.Add(feedback);
        await ctx.ToMemberAsync(giver, $"handoff:{handoff.Id}:feedback", HandoffCards.Feedback(Texts.For(giver.Locale, ctx.RequiredTeam.Locale),
            handoff.Subject, ctx.Me.DisplayName, quality, present.Count, Checklist.Items.Count, missing.Select(m => m.Id).ToList(), feedback.Comment));
        try
        {
            await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        }
        catch (DbUpdateException)
        {
            return ctx.Say("handoff.already");   // rated at the same moment from another device: the first stands
        }
        await tx.CommitAsync(ctx.Cancellation);
        return ctx.Say("handoff.thanks");
    }

    // Only the receiver rates, and only once.
    private static async Task<(Handoff?, Reply?)> RateableAsync(BotContext ctx)
    {
        var handoff = long.TryParse(ctx.Interaction.Value(HandoffActions.Id), out var id)
            ? await ctx.Db.Handoffs.FirstOrDefaultAsync(h => h.Id == id, ctx.Cancellation) : null;
        if (handoff is null) return (null, ctx.Say("handoff.unknown"));
        if (handoff.ToId != ctx.Me.Id) return (null, ctx.Say("handoff.not.yours"));
        if (await ctx.Db.HandoffFeedback.AnyAsync(f => f.HandoffId == handoff.Id, ctx.Cancellation)) return (null, ctx.Say("handoff.already"));
        return (handoff, null);
    }
}
