using System.Globalization;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Localization;

namespace CollabBot.Core.Features.TeamView;

// The manager's team view: team goals rolled up, goals at risk, this week's blockers with
// names, and each member's kudos and handoffs. Lists are cut to fit one message.
internal static class TeamViewCards
{
    public const int MaxLines = 15;

    public static Card View(Texts t, TeamViewData v)
    {
        var body = new List<CardElement> { new Header(t.F("team.title", v.Team, v.Week)), new Header(t["team.goals"]) };
        if (v.TeamGoals.Count == 0) body.Add(new TextBlock(t["team.goals.none"]));
        foreach (var g in v.TeamGoals.Take(10)) body.Add(Goal(t, g));

        body.Add(new Header(t["team.risk"]));
        body.Add(new TextBlock(v.AtRisk.Count == 0 ? t["team.risk.none"]
            : Lines(t, v.AtRisk, r => t.F("team.risk.line", r.Member, r.Goal, Percent(r.Pace), r.Confidence, Day(r.Day)))));

        body.Add(new Header(t["team.blockers"]));
        body.Add(new TextBlock(v.Blockers.Count == 0 ? t["team.blockers.none"]
            : Lines(t, v.Blockers, b => t.F("team.blocker.line", b.Member, b.Goal, b.Blocker, Day(b.Day)))));

        body.Add(new Header(t.F("team.members", Day(v.Since))));
        body.Add(new FactSet(v.Members.Take(40).Select(m => new Fact(Who(t, m),
            t.F("team.member.line", m.KudosReceived, m.KudosGiven, m.HandoffsMade, m.HandoffsReceived))).ToList()));
        if (v.Members.Count > 40) body.Add(new TextBlock(t.F("team.more", v.Members.Count - 40), Subtle: true));

        if (v.HandoffPairs is { Count: > 0 } pairs)
        {
            body.Add(new Header(t["team.pairs"]));
            body.Add(new FactSet(pairs));
        }
        body.Add(new TextBlock(t["team.note"], Subtle: true));
        return new Card("team.view", t.F("team.fallback", v.Team, v.Week), body);
    }

    private static ProgressBar Goal(Texts t, TeamGoalLine g)
    {
        var label = g.Linked == 0
            ? t.F("team.goal.unlinked", g.Title, GoalCards.N(g.Target), Day(g.Due), $"g{g.Id}")
            : t.F(t.Plural("team.goal.rollup", g.Linked), g.Title, GoalCards.N(g.Progress), GoalCards.N(g.Target), Percent(g.Done), g.Linked, GoalCards.N(g.LinkedTargets), Day(g.Due))
              + " · " + (g.Pace >= GoalPaces.OffPace ? t["team.goal.pace.on"] : t.F("team.goal.pace.off", Percent(g.Done), Percent(g.Elapsed)));
        return new ProgressBar(label, (int)Math.Round(Math.Clamp(g.Done, 0, 1) * 100), 100);
    }

    private static string Who(Texts t, MemberLine m)
    {
        var tags = new[] { m.SalesRole, m.Manager ? t["team.member.manager"] : null }.Where(x => !string.IsNullOrEmpty(x)).ToList();
        return tags.Count == 0 ? m.Name : $"{m.Name} · {string.Join(" · ", tags)}";
    }

    private static string Lines<T>(Texts t, IReadOnlyList<T> items, Func<T, string> line) =>
        string.Join("\n", items.Take(MaxLines).Select(line).Append(items.Count > MaxLines ? t.F("team.more", items.Count - MaxLines) : null).OfType<string>());

    public static string Percent(double share) => Math.Round(100 * share, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IEnumerable<(string, object)> Samples(Texts t)
    {
        var data = new TeamViewData("West Sales", "2026-W48", new DateOnly(2026, 11, 2),
            [new TeamGoalLine(5, "Q4 bookings", 2000, 3, 540, 1800, new DateOnly(2026, 12, 31), 0.27, 0.62, 0.435),
             new TeamGoalLine(6, "New logos", 12, 0, 0, 0, new DateOnly(2026, 12, 31), 0, 0.62, 0)],
            [new RiskLine("Ben", "Meetings booked", 2, 0.45, new DateOnly(2026, 11, 26))],
            [new BlockerLine("Ben", "Meetings booked", "Waiting on marketing for the new case study deck", new DateOnly(2026, 11, 26))],
            [new MemberLine("Ana", "AE", false, 3, 1, 0, 2), new MemberLine("Ben", "SDR", false, 0, 2, 2, 0), new MemberLine("Maya", null, true, 1, 4, 0, 0)]);
        yield return ("team.view", View(t, data));
        yield return ("team.view.quiet", View(t, data with { TeamGoals = [], AtRisk = [], Blockers = [] }));
    }
}
