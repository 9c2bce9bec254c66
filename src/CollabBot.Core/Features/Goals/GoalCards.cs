using System.Globalization;
using CollabBot.Core.Cards;
using CollabBot.Core.Localization;

namespace CollabBot.Core.Features.Goals;

internal static class GoalActions
{
    public const string CheckInSubmit = "checkin.submit";
    public const string CheckInOpen = "checkin.open";
    public const string Goals = "goals";
}

internal static class GoalCards
{
    public static string N(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);

    public static Card List(Texts t, IReadOnlyList<Goal> mine, IReadOnlyList<Goal> teamGoals)
    {
        var body = new List<CardElement> { new Header(t["goal.list.title"]) };
        if (mine.Count == 0) body.Add(new TextBlock(t["goal.list.none"]));
        foreach (var g in mine)
        {
            var current = g.CurrentValue ?? g.StartValue;
            body.Add(new TextBlock($"g{g.Id} · {g.Title}"));
            body.Add(new ProgressBar(t.F("goal.progress", N(current), N(g.Target), g.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                (int)Math.Round(Math.Max(0, current - g.StartValue)), (int)Math.Round(Math.Max(1, g.Target - g.StartValue))));
        }
        if (teamGoals.Count > 0)
            body.Add(new FactSet(teamGoals.Select(g => new Fact($"g{g.Id} · {t["goal.team"]}", $"{g.Title} ({N(g.Target)})")).ToList()));
        return new Card("goal.list", t["goal.list.title"], body);
    }

    // The weekly prompt, by direct message; the button opens the check-in form for the team
    // the goals belong to.
    public static Card Prompt(Texts t, long teamId, int goals) => new("checkin.prompt", t.F("checkin.prompt.fallback", goals),
    [
        new Header(t["checkin.prompt.title"]),
        new TextBlock(t.F(t.Plural("checkin.prompt.line", goals), goals)),
        new ActionRow([new CardAction(GoalActions.CheckInOpen, t["checkin.prompt.button"],
            new Dictionary<string, string> { [Bot.BotContextFactory.TeamKey] = teamId.ToString(CultureInfo.InvariantCulture) }, ActionStyle.Primary, OpensForm: true)]),
    ]);

    public static Form CheckIn(Texts t, IReadOnlyList<Goal> goals)
    {
        var fields = new List<CardElement> { new TextBlock(t["checkin.form.intro"], Subtle: true) };
        foreach (var g in goals)
        {
            fields.Add(new Header($"{g.Title} ({t.F("goal.target", N(g.Target))})"));
            fields.Add(new NumberInput($"v{g.Id}", t["checkin.form.value"], g.CurrentValue ?? g.StartValue));
            fields.Add(new LikertInput($"c{g.Id}", t["checkin.form.confidence"], t["checkin.form.low"], t["checkin.form.high"]));
            fields.Add(new TextInput($"b{g.Id}", t["checkin.form.blocker"], t["checkin.form.blocker.hint"], MaxLength: 500));
        }
        return new Form(GoalActions.CheckInSubmit, t["checkin.form.title"], t["form.submit"], fields,
            new Dictionary<string, string> { [GoalActions.Goals] = string.Join(',', goals.Select(g => g.Id)) });
    }
}
