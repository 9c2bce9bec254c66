using CollabBot.Core;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;

namespace CollabBot.Tests.Core.Features.Digest;

// Hand-made snapshots for view tests: every dimension of cei-1 with the given scores (null =
// no score), one survey component each, and whatever else the test overrides with `with`.
internal static class SampleSnapshots
{
    public static Snapshot Make(string week, double? cei, IReadOnlyDictionary<string, double?>? dimensions = null, string team = "West Sales",
        string zone = "UTC", int k = 5)
    {
        var w = IsoWeek.Parse(week);
        var dims = CeiModel.Dimensions.Select(d =>
        {
            var score = dimensions is null ? cei : dimensions.GetValueOrDefault(d.Id);
            var survey = score is null
                ? new SnapshotComponent(Components.Survey(d.Id), null, null, null, 1, 0, ComponentStatus.Suppressed)
                : new SnapshotComponent(Components.Survey(d.Id), score, 3, 6, 1, 1, ComponentStatus.Ok);
            return new SnapshotDimension(d.Id, d.NameEn, score, score is null ? null : 3, null, Trend.NoData, [survey]);
        }).ToList();
        var start = w.Start(TimeZoneInfo.Utc);
        return new Snapshot(CeiModel.Id, new SnapshotTeam("t1", team, zone, k), week, w.End(TimeZoneInfo.Utc),
            new SnapshotWindow(start, w.End(TimeZoneInfo.Utc), $"{w.Minus(3)}..{w}"),
            new SnapshotCei(cei, cei is null ? null : 2, dims.Count(d => d.Score is not null), 7, null, Trend.NoData),
            dims, [], new SnapshotParticipation(75, 6, 8, 1), "week", new SnapshotInputs(8, 1, 6, 0, 0, 0, 0, 0, k), [], []);
    }

    // The stored row of a snapshot, as the weekly job writes it, for the given team.
    public static DigestSnapshot Row(Team team, Snapshot s) => new()
    {
        WorkspaceId = team.WorkspaceId,
        TeamId = team.Id,
        Week = s.Week,
        Model = CeiModel.Id,
        AsOf = s.AsOf,
        ComputedAt = s.AsOf,
        Cei = s.Cei.Score,
        Json = CollabJson.Serialize(s),
    };
}
