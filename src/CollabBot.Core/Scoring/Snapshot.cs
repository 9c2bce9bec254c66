namespace CollabBot.Core.Scoring;

// The digest snapshot: every input and output figure of one team-week, with the model id.
// Field names follow the cei-1 model (Offline scoring); a missing figure is null.
internal sealed record Snapshot(
    string Model,
    SnapshotTeam Team,
    string Week,
    DateTimeOffset AsOf,
    SnapshotWindow Window,
    SnapshotCei Cei,
    IReadOnlyList<SnapshotDimension> Dimensions,
    IReadOnlyList<SnapshotChange> Changes,
    SnapshotParticipation Participation,
    string HandoffFeedbackWindow,
    SnapshotInputs Inputs,
    IReadOnlyList<Insight> Insights,
    IReadOnlyList<Insight> ManagerInsights);

internal sealed record SnapshotTeam(string Id, string Name, string TimeZone, int AnonymityThreshold);
internal sealed record SnapshotWindow(DateTimeOffset Start, DateTimeOffset End, string Trailing);
internal sealed record SnapshotCei(double? Score, double? Se, int Coverage, int Dimensions, double? Previous, Trend Trend);
internal sealed record SnapshotComponent(string Id, double? Value, double? Se, int? N, double Weight, double EffectiveWeight, ComponentStatus Status);
internal sealed record SnapshotDimension(string Id, string Name, double? Score, double? Se, double? Previous, Trend Trend,
    IReadOnlyList<SnapshotComponent> Components);
internal sealed record SnapshotChange(string Id, double? Delta, double? Threshold, bool Significant, Trend Trend);
internal sealed record SnapshotParticipation(double? Rate, int Respondents, int Invited, int Rounds);
internal sealed record SnapshotInputs(int Members, int PulseRounds, int Respondents, int ActiveGoals, int CheckIns,
    int Kudos, int Handoffs, int HandoffFeedback, int K);

// The one entry point of cei-1: pure and deterministic over plain data.
internal static class Scorer
{
    public static Snapshot Score(TeamData data, IsoWeek week, DateTimeOffset? asOf = null)
    {
        var zone = Zones.Find(data.Team.TimeZone);
        var at = asOf ?? week.End(zone);
        var now = WeekScore.Compute(data, week, at);
        var previousWeek = week.Previous();
        var prev = WeekScore.Compute(data, previousWeek, previousWeek.End(zone));

        var changes = now.Dimensions
            .Select(d => Change.Between(d.Def.Id, d.Score, d.Se, prev.Dimension(d.Def.Id).Score, prev.Dimension(d.Def.Id).Se))
            .Append(Change.ForCei(now.Cei, prev.Cei))
            .ToList();
        var w = now.Inputs;
        var participation = now.Components[Components.Participation];
        var (feedback, trailing) = ComponentScores.FeedbackSet(w);

        return new Snapshot(
            CeiModel.Id,
            new SnapshotTeam(data.Team.Id, data.Team.Name, data.Team.TimeZone, w.K),
            week.ToString(),
            at,
            new SnapshotWindow(w.Start, w.End, $"{week.Minus(3)}..{week}"),
            new SnapshotCei(now.Cei.Score, now.Cei.Se, now.Cei.Coverage, CeiModel.Dimensions.Count, prev.Cei.Score, changes[^1].Trend),
            now.Dimensions.Select((d, i) => new SnapshotDimension(d.Def.Id, d.Def.NameEn, d.Score, d.Se, changes[i].Previous, changes[i].Trend,
                d.Components.Select(c => new SnapshotComponent(c.Component.Id, c.Component.Value, c.Component.Se, c.Component.N,
                    c.Weight, c.EffectiveWeight, c.Component.Status)).ToList())).ToList(),
            changes.Select(c => new SnapshotChange(c.Id, c.Delta, c.Threshold, c.Significant, c.Trend)).ToList(),
            new SnapshotParticipation(participation.Value, w.Answers.Count, w.Rounds.Sum(r => r.Invited.Distinct().Count()), w.Rounds.Count),
            trailing ? "trailing-4-weeks" : "week",
            new SnapshotInputs(w.Members.Count, w.Rounds.Count, w.Submissions.Count, w.ActiveGoals.Count, w.CheckIns.Count,
                w.TrailingKudos.Count, w.TrailingHandoffs.Count, feedback.Count, w.SurveyK),
            Insights.For(data, now, changes, managerView: false),
            Insights.For(data, now, changes, managerView: true));
    }
}
