using CollabBot.Core.Features.Digest;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;

namespace CollabBot.Tests.Core.Features.Digest;

public sealed class DigestSeriesTests
{
    private static readonly Texts En = Texts.For("en");

    [Fact]
    public void Eight_weeks_end_at_the_digest_week_oldest_first_with_the_cei_then_the_seven_dimensions()
    {
        var snapshots = Enumerable.Range(0, 8).Select(i => SampleSnapshots.Make(new IsoWeek(2026, 40 + i).ToString(), 50 + i)).ToList();
        var series = DigestSeries.For(new IsoWeek(2026, 47), snapshots, En);

        Assert.Equal(["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"], series.Weeks);
        Assert.Equal(["cei", .. CeiModel.DimensionIds], series.Lines.Select(l => l.Id));
        Assert.All(series.Lines, l => Assert.Equal(Enumerable.Range(50, 8).Select(v => (double?)v), l.Values));
        Assert.Equal("CEI", series.Cei.Label);
        Assert.Equal("Role clarity", series.Lines[1].Label);
    }

    [Fact]
    public void Missing_weeks_and_unscored_dimensions_are_gaps_never_zeros()
    {
        var snapshots = new[]
        {
            SampleSnapshots.Make("2026-W47", 70, new Dictionary<string, double?> { ["role"] = 80, ["sharing"] = null }),
            SampleSnapshots.Make("2026-W45", 60),
            SampleSnapshots.Make("2026-W39", 10),   // before the window: ignored
            SampleSnapshots.Make("2026-W48", 99),   // after the digest's week: ignored
        };
        var series = DigestSeries.For(new IsoWeek(2026, 47), snapshots, En);

        Assert.Equal([null, null, null, null, null, 60, null, 70], series.Cei.Values);
        Assert.Equal([null, null, null, null, null, 60, null, 80], series.Lines.Single(l => l.Id == "role").Values);
        Assert.Equal([null, null, null, null, null, 60, null, null], series.Lines.Single(l => l.Id == "sharing").Values);
        Assert.DoesNotContain(series.Lines.SelectMany(l => l.Values), v => v == 0);
    }

    [Fact]
    public void No_snapshot_at_all_gives_eight_gaps_per_line()
    {
        var series = DigestSeries.For(new IsoWeek(2026, 1), [], En);
        Assert.Equal("2025-W46", series.Weeks[0]);                      // the window crosses the year
        Assert.Equal(8, series.Lines.Count);
        Assert.All(series.Lines, l => Assert.Equal(Enumerable.Repeat<double?>(null, 8), l.Values));
        Assert.Contains("no data", series.AltText(En));
    }

    [Fact]
    public void Labels_follow_the_locale_and_keep_an_ascii_fallback()
    {
        var series = DigestSeries.For(new IsoWeek(2026, 47), [SampleSnapshots.Make("2026-W47", 70)], Texts.For("zh-Hans"));
        var role = series.Lines.Single(l => l.Id == "role");
        Assert.Equal("角色定位", role.Label);
        Assert.Equal("Role clarity", role.FallbackLabel);
        Assert.All(series.Lines, l => Assert.True(l.FallbackLabel.All(char.IsAscii)));
        Assert.Equal("折线图：2026-W40 至 2026-W47 的 CEI 与七个维度，刻度 0–100；断开处为当周没有得分。最近一周的 CEI：70。", series.AltText(Texts.For("zh-Hans")));
    }

    [Fact]
    public void When_two_snapshots_claim_a_week_the_first_counts()
    {
        var series = DigestSeries.For(new IsoWeek(2026, 47), [SampleSnapshots.Make("2026-W47", 70), SampleSnapshots.Make("2026-W47", 20)], En);
        Assert.Equal(70, series.Cei.Values[^1]);
    }
}
