using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Handoffs;

// `handoff @to <subject>[: note]`, then the receiver rates it once against the role pair's
// checklist and the giver hears back. `handoff checklist …` and `handoff crm` are in
// ChecklistCommand and CrmView.
internal static class HandoffsFeature
{
    public static BotRouter MapHandoffs(this BotRouter bot) => bot
        .MapCommand("handoff", HandoffAsync)
        .MapAction(HandoffActions.Rate, OpenRatingAsync)
        .MapView(HandoffActions.Open, _ => Task.FromResult(Reply.None))
        .MapSubmit(HandoffActions.Submit, SubmitRatingAsync);

    private static Task<Reply> HandoffAsync(BotContext ctx) => ctx.Args[0].ToLowerInvariant() switch
    {
        "checklist" => ChecklistCommand.RunAsync(ctx),
        "crm" => Crm.CrmView.ShowAsync(ctx),
        _ => RecordAsync(ctx),
    };

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

        await HandoffRecorder.RecordAsync(ctx.Db, ctx.RequiredTeam, me, receiver, new HandoffDraft(subject, note.Length > 0 ? note : null),
            ctx.Now, ctx.Cancellation);
        return ctx.Say("handoff.recorded", $"<@{to}>", subject);
    }

    private static async Task<Reply> OpenRatingAsync(BotContext ctx)
    {
        var (handoff, refusal) = await RateableAsync(ctx);
        if (handoff is null) return refusal!;
        var items = await HandoffChecklist.ForPairAsync(ctx.Db, handoff.TeamId, handoff.RolePair, ctx.T, ctx.Cancellation);
        return new FormReply(HandoffCards.Rating(ctx.T, handoff.Id, handoff.Subject, handoff.RolePair, items));
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

        // The pair's list as it is now; an item chosen from a list edited since is not on it.
        var chosen = ctx.Interaction.Value(HandoffActions.Items).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var giver = await ctx.Db.Members.FirstAsync(m => m.Id == handoff.FromId, ctx.Cancellation);
        var forGiver = Texts.For(giver.Locale, ctx.RequiredTeam.Locale);
        var items = await HandoffChecklist.ForPairAsync(ctx.Db, handoff.TeamId, handoff.RolePair, forGiver, ctx.Cancellation);
        var present = items.Count(i => chosen.Contains(i.Id));
        var missing = items.Where(i => !chosen.Contains(i.Id)).ToList();
        var feedback = new HandoffFeedback
        {
            WorkspaceId = handoff.WorkspaceId,
            HandoffId = handoff.Id,
            Quality = quality,
            ItemsPresent = present,
            ItemsTotal = items.Count,
            MissingItems = string.Join('\n', missing.Select(m => m.Recorded)),
            Comment = comment.Length > 0 ? await ctx.MembersOnlyAsync(comment) : null,
            At = ctx.Now,
        };
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ctx.Cancellation);
        ctx.Db.Add(feedback);
        await ctx.ToMemberAsync(giver, $"handoff:{handoff.Id}:feedback", HandoffCards.Feedback(forGiver,
            handoff.Subject, ctx.Me.DisplayName, quality, present, items.Count, missing.Select(m => m.Title).ToList(), feedback.Comment));
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
