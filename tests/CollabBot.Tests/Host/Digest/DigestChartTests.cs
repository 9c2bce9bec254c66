using System.Buffers.Binary;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Host.Digest;
using CollabBot.Tests.Core.Features.Digest;

namespace CollabBot.Tests.Host.Digest;

public sealed class DigestChartTests
{
    // A PNG starts with its 8-byte signature, then the IHDR chunk: width and height, big-endian.
    internal static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 1000, "a PNG of a real chart");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]   // drawn in Chinese where a CJK font exists, in English otherwise
    public void A_chart_with_gaps_renders_as_an_800_by_400_png(string locale)
    {
        var t = Texts.For(locale);
        var series = DigestSeries.For(new IsoWeek(2026, 47),
        [
            SampleSnapshots.Make("2026-W40", 72), SampleSnapshots.Make("2026-W41", 75),
            SampleSnapshots.Make("2026-W43", 50, new Dictionary<string, double?> { ["role"] = 40 }),
            SampleSnapshots.Make("2026-W47", 81),
        ], t);
        Assert.Equal((DigestChart.Width, DigestChart.Height), PngSize(DigestChart.Png(series, t["digest.chart.axis"])));
    }

    [Fact]
    public void A_chart_with_no_data_at_all_still_renders()
    {
        var t = Texts.For("en");
        Assert.Equal((800, 400), PngSize(DigestChart.Png(DigestSeries.For(new IsoWeek(2026, 47), [], t), t["digest.chart.axis"])));
    }

    [Fact]
    public void Each_run_of_consecutive_weeks_is_drawn_on_its_own_so_a_gap_stays_a_gap()
    {
        var runs = DigestChart.Runs([1, 2, null, 4, null, null, 7, double.NaN]).Select(r => r.Select(p => p.Week).ToArray()).ToList();
        Assert.Equal([[0, 1], [3], [6]], runs);
        Assert.Empty(DigestChart.Runs([null, null]));
    }

    [Fact]
    public void The_same_series_draws_the_same_bytes()
    {
        var t = Texts.For("en");
        var series = DigestSeries.For(new IsoWeek(2026, 47), [SampleSnapshots.Make("2026-W46", 60), SampleSnapshots.Make("2026-W47", 65)], t);
        // The first chart a process draws in a font can differ by a few bytes (Skia warming its
        // font cache); from then on the output is a function of the data alone.
        DigestChart.Png(series, "Score");
        Assert.Equal(DigestChart.Png(series, "Score"), DigestChart.Png(series, "Score"));
    }
}
