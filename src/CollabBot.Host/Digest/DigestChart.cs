using CollabBot.Core.Features.Digest;
using ScottPlot;

namespace CollabBot.Host.Digest;

// Draws a digest's series as a PNG of fixed size. Sized for a phone: the image is shown about
// half its width there, so text, lines and markers are drawn at twice the usual size.
internal static class DigestChart
{
    public const int Width = 800;
    public const int Height = 400;

    // Okabe–Ito's colour-blind-safe hues (yellow darkened for white paper); the CEI is black.
    private static readonly string[] Hues = ["#E69F00", "#56B4E9", "#009E73", "#B8A000", "#0072B2", "#D55E00", "#CC79A7"];
    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare,
    ];

    // Sans-serif families that may be installed, CJK-capable ones first.
    private static readonly string[] Families =
        ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei",
         "Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"];

    public static byte[] Png(DigestSeries series, string axisLabel)
    {
        // The reader's language where an installed font can draw it; otherwise the ASCII labels
        // (a server without a CJK font draws English names rather than empty boxes).
        var labels = series.Lines.Select(l => l.Label).Append(axisLabel).ToList();
        var font = FontFor(labels);
        if (font is null)
        {
            labels = [.. series.Lines.Select(l => l.FallbackLabel), "Score (0-100)"];
            font = FontFor(labels) ?? Fonts.Default;
        }

        using var plot = new Plot();
        var legend = new LegendItem[series.Lines.Count];
        var dimension = 0;
        // The CEI is drawn last, on top of the dimensions; the legend keeps the series' order.
        foreach (var i in Enumerable.Range(0, series.Lines.Count).OrderBy(i => series.Lines[i].Id == DigestSeries.CeiId))
        {
            var line = series.Lines[i];
            var isCei = line.Id == DigestSeries.CeiId;
            var style = isCei ? 0 : dimension++;
            var color = isCei ? Colors.Black : Color.FromHex(Hues[style % Hues.Length]);
            var shape = isCei ? MarkerShape.FilledCircle : Shapes[style % Shapes.Length];
            var (width, marker) = isCei ? (5f, 11f) : (2.5f, 8f);
            foreach (var run in Runs(line.Values))
            {
                var s = plot.Add.Scatter(run.Select(p => (double)p.Week).ToArray(), run.Select(p => p.Value).ToArray(), color);
                (s.LineWidth, s.MarkerSize, s.MarkerShape) = (width, marker, shape);
            }
            legend[i] = new LegendItem
            {
                LabelText = labels[i],
                LineColor = color,
                LineWidth = width,
                MarkerShape = shape,
                MarkerColor = color,
                MarkerSize = marker,
            };
        }

        plot.Axes.SetLimits(-0.4, series.Weeks.Count - 0.6, 0, 100);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, series.Weeks.Count).Select(i => (double)i).ToArray(),
            series.Weeks.Select(w => w.Length > 5 ? w[5..] : w).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 20, 40, 60, 80, 100], ["0", "20", "40", "60", "80", "100"]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 20;
        plot.Axes.Left.TickLabelStyle.FontSize = 20;
        plot.YLabel(labels[^1], 19);

        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Legend.FontSize = 19;
        plot.Legend.FontName = font;
        plot.Legend.SymbolWidth = 22;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Colors.Transparent;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
        plot.Font.Set(font);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    // Consecutive weeks with a value: each is drawn as its own line, so a missing week leaves
    // a visible gap instead of a line drawn through it (or down to zero).
    internal static IEnumerable<List<(int Week, double Value)>> Runs(IReadOnlyList<double?> values)
    {
        var run = new List<(int, double)>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v && double.IsFinite(v)) { run.Add((i, v)); continue; }
            if (run.Count > 0) yield return run;
            run = [];
        }
        if (run.Count > 0) yield return run;
    }

    private static string? FontFor(IEnumerable<string> labels)
    {
        var points = Fonts.GetStandaloneCodePoints(string.Concat(labels));
        foreach (var family in Families)
        {
            using var typeface = SkiaSharp.SKFontManager.Default.MatchFamily(family);
            if (typeface is not null && Fonts.CountMissingGlyphs(family, points) == 0) return family;
        }
        return null;
    }
}
