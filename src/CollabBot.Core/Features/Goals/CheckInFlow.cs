using CollabBot.Core.Bot;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Goals;

// `checkin`: one form for all of the member's active goals — value, confidence, blocker.
internal static class CheckInFlow
{
    public static async Task<Reply> OpenAsync(BotContext ctx)
    {
        if (ctx.Args.Count > 0) return ctx.Usage("checkin");
        var goals = await ActiveGoalsAsync(ctx);
        return goals.Count == 0 ? ctx.Say("checkin.no.goals") : new FormReply(GoalCards.CheckIn(ctx.T, goals));
    }

    public static async Task<Reply> SubmitAsync(BotContext ctx)
    {
        var asked = ctx.Interaction.Value(GoalActions.Goals).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.TryParse(s, out var id) ? id : 0).ToHashSet();
        var goals = (await ActiveGoalsAsync(ctx)).Where(g => asked.Contains(g.Id)).ToList();
        if (goals.Count == 0) return ctx.Say("checkin.no.goals");

        var errors = new Dictionary<string, string>();
        var checkIns = new List<CheckIn>();
        foreach (var g in goals)
        {
            var hasValue = GoalsFeature.TryNumber(ctx.Interaction.Value($"v{g.Id}"), out var value);
            var hasConfidence = int.TryParse(ctx.Interaction.Value($"c{g.Id}"), out var confidence) && confidence is >= 1 and <= 5;
            var blocker = ctx.Interaction.Value($"b{g.Id}").Trim();
            if (!hasValue) errors[$"v{g.Id}"] = ctx.T["checkin.form.value.required"];
            if (!hasConfidence) errors[$"c{g.Id}"] = ctx.T["pulse.form.required"];
            if (blocker.Length > 500) errors[$"b{g.Id}"] = ctx.T.F("form.too.long", 500);
            if (hasValue && hasConfidence)
                checkIns.Add(new CheckIn
                {
                    WorkspaceId = g.WorkspaceId,
                    GoalId = g.Id,
                    At = ctx.Now,
                    Value = value,
                    Confidence = confidence,
                    Blocker = blocker.Length > 0 ? await ctx.MembersOnlyAsync(blocker) : null
                });
        }
        if (errors.Count > 0) return new FormErrorsReply(errors);

        foreach (var c in checkIns) goals.First(g => g.Id == c.GoalId).CurrentValue = c.Value;
        ctx.Db.AddRange(checkIns);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return ctx.Say(ctx.T.Plural("checkin.thanks", checkIns.Count), checkIns.Count);
    }

    private static Task<List<Goal>> ActiveGoalsAsync(BotContext ctx) =>
        ctx.Db.Goals.Where(g => g.OwnerId == ctx.Me.Id && !g.Archived && !g.IsTeamGoal && g.DueDate >= ctx.Today && g.StartDate <= ctx.Today)
            .OrderBy(g => g.Id).ToListAsync(ctx.Cancellation);
}
