using CollabBot.Core.Cards;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.TeamView;

// A team goal rolled up from the personal goals linked to it: their progress (current −
// start) summed against the team goal's span, and the pace of that sum by today.
internal sealed record TeamGoalLine(long Id, string Title, double Target, int Linked, double Progress, double LinkedTargets, DateOnly Due,
    double Done, double Elapsed, double Pace);

// A personal goal whose latest check-in was at low confidence (≤ 2) or off pace (< 0.7),
// the thresholds of the digest's "goals at risk".
internal sealed record RiskLine(string Member, string Goal, int Confidence, double Pace, DateOnly Day);

internal sealed record BlockerLine(string Member, string Goal, string Blocker, DateOnly Day);

internal sealed record MemberLine(string Name, string? SalesRole, bool Manager, int KudosReceived, int KudosGiven, int HandoffsMade, int HandoffsReceived);

// HandoffPairs: handoff quality by role pair (HandoffPairStats), one line a pair; null shows no section.
internal sealed record TeamViewData(string Team, string Week, DateOnly Since, IReadOnlyList<TeamGoalLine> TeamGoals, IReadOnlyList<RiskLine> AtRisk,
    IReadOnlyList<BlockerLine> Blockers, IReadOnlyList<MemberLine> Members, IReadOnlyList<Fact>? HandoffPairs = null);

internal static class GoalPaces
{
    public const double OffPace = 0.7;
    public const int LowConfidence = 2;

    // cei-1's pace of a goal at an instant (cei-1 model, Components: pace), its period
    // running from 00:00 local on the start date to 00:00 local on the day after it is due.
    public static double Pace(Goal g, double value, DateTimeOffset at, TimeZoneInfo zone) =>
        ComponentScores.GoalPace(Active(g, zone), new CheckInInfo("g" + g.Id, at, value, 3, null));

    // The elapsed share of a goal's period at an instant, capped to [0, 1].
    public static double Elapsed(Goal g, DateTimeOffset at, TimeZoneInfo zone)
    {
        var a = Active(g, zone);
        var length = (a.PeriodEnd - a.PeriodStart).TotalSeconds;
        return length <= 0 ? 1 : Stats.Clamp01((at - a.PeriodStart).TotalSeconds / length);
    }

    private static ActiveGoal Active(Goal g, TimeZoneInfo zone) =>
        new(new GoalInfo("g" + g.Id, null, g.Title, g.StartValue, g.Target, g.StartDate, g.DueDate, null),
            IsoWeek.LocalMidnight(g.StartDate, zone), IsoWeek.LocalMidnight(g.DueDate.AddDays(1), zone));
}
