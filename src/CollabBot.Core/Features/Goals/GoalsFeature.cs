using System.Globalization;
using CollabBot.Core.Bot;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Goals;

// `goal add <title> target <n> [by <date>] [team-goal <id>]`, `goal team …` (managers),
// `goal list`, `goal update <id> <value>`, and `checkin`.
internal static class GoalsFeature
{
    public const int MaxYearsAhead = 5;

    public static BotRouter MapGoals(this BotRouter bot) => bot
        .MapCommand("goal", GoalAsync)
        .MapCommand("checkin", CheckInFlow.OpenAsync)
        .MapAction(GoalActions.CheckInOpen, CheckInFlow.OpenAsync)
        .MapSubmit(GoalActions.CheckInSubmit, CheckInFlow.SubmitAsync);

    private static Task<Reply> GoalAsync(BotContext ctx) => ctx.Args[0].ToLowerInvariant() switch
    {
        "add" => AddAsync(ctx, teamGoal: false),
        "team" when ctx.IsManager => AddAsync(ctx, teamGoal: true),
        "team" => Task.FromResult(ctx.Say("denied.manager")),
        "list" when ctx.Args.Count == 1 => ListAsync(ctx),
        "update" when ctx.Args.Count == 3 => UpdateAsync(ctx),
        _ => Task.FromResult(ctx.Usage("goal")),
    };

    private static async Task<Reply> AddAsync(BotContext ctx, bool teamGoal)
    {
        var words = ctx.Args.Skip(1).Words.ToList();
        var at = words.FindLastIndex(w => w.Equals("target", StringComparison.OrdinalIgnoreCase));
        if (at < 1 || at + 1 >= words.Count || !TryNumber(words[at + 1], out var target)) return ctx.Usage("goal");
        var title = string.Join(' ', words.Take(at));
        if (title.Length > 200) return ctx.Say("form.too.long", 200);
        var due = EndOfQuarter(ctx.Today);
        long? parent = null;
        for (var i = at + 2; i < words.Count; i += 2)
        {
            var value = i + 1 < words.Count ? words[i + 1] : null;
            switch (words[i].ToLowerInvariant())
            {
                case "by" when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                    if (d < ctx.Today) return ctx.Say("goal.due.past");
                    // Bounded: a goal is a plan, and a date at the calendar's end made every digest of the team fail.
                    if (d > ctx.Today.AddYears(MaxYearsAhead))
                        return ctx.Say("goal.due.far", MaxYearsAhead, ctx.Today.AddYears(MaxYearsAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ctx.T["usage.goal"]);
                    due = d;
                    break;
                case "team-goal" when !teamGoal && long.TryParse(value?.TrimStart('g'), out var p):
                    if (!await ctx.Db.Goals.AnyAsync(g => g.Id == p && g.IsTeamGoal && g.TeamId == ctx.RequiredTeam.Id && !g.Archived, ctx.Cancellation))
                        return ctx.Say("goal.unknown", value);
                    parent = p;
                    break;
                default:
                    return ctx.Usage("goal");
            }
        }
        title = await ctx.MembersOnlyAsync(title);
        var goal = new Goal
        {
            WorkspaceId = ctx.Me.WorkspaceId,
            TeamId = ctx.RequiredTeam.Id,
            OwnerId = teamGoal ? null : ctx.Me.Id,
            IsTeamGoal = teamGoal,
            Title = title,
            Target = target,
            StartDate = ctx.Today,
            DueDate = due,
            ParentGoalId = parent,
            CreatedAt = ctx.Now,
        };
        ctx.Db.Add(goal);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return ctx.Say(teamGoal ? "goal.team.added" : "goal.added", $"g{goal.Id}", title, GoalCards.N(target), due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static async Task<Reply> ListAsync(BotContext ctx)
    {
        var mine = await ctx.Db.Goals.Where(g => g.OwnerId == ctx.Me.Id && !g.Archived && g.DueDate >= ctx.Today).OrderBy(g => g.Id).ToListAsync(ctx.Cancellation);
        var team = await ctx.Db.Goals.Where(g => g.TeamId == ctx.RequiredTeam.Id && g.IsTeamGoal && !g.Archived && g.DueDate >= ctx.Today)
            .OrderBy(g => g.Id).ToListAsync(ctx.Cancellation);
        return Reply.Show(GoalCards.List(ctx.T, mine, team));
    }

    private static async Task<Reply> UpdateAsync(BotContext ctx)
    {
        if (!long.TryParse(ctx.Args[1].TrimStart('g'), out var id) || !TryNumber(ctx.Args[2], out var value)) return ctx.Usage("goal");
        var goal = await ctx.Db.Goals.FirstOrDefaultAsync(g => g.Id == id && g.TeamId == ctx.RequiredTeam.Id && !g.Archived, ctx.Cancellation);
        if (goal is null) return ctx.Say("goal.unknown", ctx.Args[1]);
        if (goal.OwnerId != ctx.Me.Id && !(goal.IsTeamGoal && ctx.IsManager)) return ctx.Say("goal.not.yours");
        goal.CurrentValue = value;
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return ctx.Say("goal.updated", $"g{goal.Id}", GoalCards.N(value), GoalCards.N(goal.Target));
    }

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && Math.Abs(value) < 1e12;

    private static DateOnly EndOfQuarter(DateOnly d) => new DateOnly(d.Year, (d.Month - 1) / 3 * 3 + 1, 1).AddMonths(3).AddDays(-1);
}
