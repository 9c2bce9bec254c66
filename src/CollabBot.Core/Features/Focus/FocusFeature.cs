using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Focus;

// `focus <dimension> <action>` and `focus done [note]` (managers): after a digest the team
// says what it will work on; the channel hears it, every later digest measures it, and
// closing it records the outcome.
internal static class FocusFeature
{
    public static BotRouter MapFocus(this BotRouter bot) => bot.MapCommand("focus", FocusAsync, Access.Manager);

    private static Task<Reply> FocusAsync(BotContext ctx) => ctx.Args[0].ToLowerInvariant() switch
    {
        "" => Task.FromResult(ctx.Usage("focus")),
        "done" => DoneAsync(ctx, ctx.Args.Rest(1).Trim()),
        _ when ctx.Args.Count < 2 => Task.FromResult(ctx.Usage("focus")),
        _ => SetAsync(ctx, ctx.Args[0], ctx.Args.Rest(1).Trim()),
    };

    // A dimension by its cei-1 id or its Chinese name.
    public static string? ParseDimension(string word) =>
        CeiModel.Dimensions.FirstOrDefault(d => d.Id.Equals(word, StringComparison.OrdinalIgnoreCase) || d.NameZh == word)?.Id;

    public static string DimensionList(Texts t) => t.IsChinese
        ? string.Join("、", CeiModel.Dimensions.Select(d => $"{d.Id}（{d.NameZh}）"))
        : string.Join(", ", CeiModel.DimensionIds);

    private static async Task<Reply> SetAsync(BotContext ctx, string word, string action)
    {
        if (ParseDimension(word) is not { } dimension) return ctx.Say("focus.dimension.unknown", word, DimensionList(ctx.T));
        if (action.Length > FocusAction.MaxText) return ctx.Say("form.too.long", FocusAction.MaxText);
        var team = ctx.RequiredTeam;
        if (await OpenAsync(ctx) is { } open) return ctx.Say("focus.exists", FocusCards.Name(ctx.T, open.Dimension), open.Action);
        if (await FocusReports.LatestStoredAsync(ctx.Db, team.Id, ctx.Cancellation) is not { } baseline) return ctx.Say("focus.no.digest");

        var (score, se) = FocusReports.Dimension(baseline, dimension);
        var focus = new FocusAction
        {
            WorkspaceId = team.WorkspaceId,
            TeamId = team.Id,
            Dimension = dimension,
            Action = action,
            SetById = ctx.Me.Id,
            SetAt = ctx.Now,
            BaselineWeek = baseline.Week,
            BaselineScore = score,
            BaselineSe = se,
        };
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ctx.Cancellation);
        ctx.Db.Add(focus);
        try
        {
            await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        }
        catch (DbUpdateException)
        {
            return ctx.Say("focus.race");   // another manager set one at the same moment: theirs stands
        }
        await ctx.ToChannelAsync($"focus:{focus.Id}:set",
            FocusCards.Set(Texts.For(team.Locale), dimension, action, ctx.Me.PlatformUserId, baseline.Week, score, se));
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        await tx.CommitAsync(ctx.Cancellation);
        return ctx.Say("focus.set", FocusCards.Name(ctx.T, dimension), FocusCards.Score(ctx.T, score, se), baseline.Week);
    }

    private static async Task<Reply> DoneAsync(BotContext ctx, string note)
    {
        if (note.Length > FocusAction.MaxText) return ctx.Say("form.too.long", FocusAction.MaxText);
        var team = ctx.RequiredTeam;
        if (await OpenAsync(ctx) is not { } focus) return ctx.Say("focus.none");
        var latest = await FocusReports.LatestStoredAsync(ctx.Db, team.Id, ctx.Cancellation);
        var (score, se) = latest is null ? (null, null) : FocusReports.Dimension(latest, focus.Dimension);
        (focus.ClosedAt, focus.ClosedById, focus.Note) = (ctx.Now, ctx.Me.Id, note.Length > 0 ? note : null);
        (focus.OutcomeWeek, focus.OutcomeScore, focus.OutcomeSe) = (latest?.Week ?? focus.BaselineWeek, score, se);
        var report = FocusReports.History(focus, latest: null);

        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ctx.Cancellation);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        await ctx.ToChannelAsync($"focus:{focus.Id}:closed", FocusCards.Closed(Texts.For(team.Locale), report, ctx.Me.PlatformUserId));
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        await tx.CommitAsync(ctx.Cancellation);
        return ctx.Say("focus.done", FocusCards.Name(ctx.T, focus.Dimension), FocusCards.Change(ctx.T, report));
    }

    private static Task<FocusAction?> OpenAsync(BotContext ctx) =>
        ctx.Db.FocusActions.FirstOrDefaultAsync(f => f.TeamId == ctx.RequiredTeam.Id && f.ClosedAt == null, ctx.Cancellation);
}
