using System.Globalization;
using System.Text;
using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.Digest;

// A snapshot as plain text for a terminal: CEI with trend, the seven dimensions with n and
// ±, and the insights of the chosen view. Display rounds to whole points; storage never does.
internal static class DigestText
{
    public static string Render(Snapshot s, IReadOnlyList<(string Week, double? Cei)> history, bool managerView)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Collaboration digest — {s.Team.Name}, week {s.Week} ({s.Team.TimeZone}), model {s.Model}");
        sb.AppendLine(new string('─', 72));
        sb.AppendLine(CultureInfo.InvariantCulture, $"Collaboration Efficacy Index (CEI) {Insights.P(s.Cei.Score)}{DigestWords.Uncertainty(En, s.Cei.Se, null)}   {TrendText(s.Cei.Trend, s.Cei.Score - s.Cei.Previous)}   " +
                      $"({s.Cei.Coverage} of {s.Cei.Dimensions} dimensions)");
        if (history.Count > 1)
            sb.AppendLine("Last weeks: " + string.Join("  ", history.Select(h => $"{h.Week[5..]} {Insights.P(h.Cei)}")) + "   " + Spark(history));
        sb.AppendLine();
        foreach (var d in s.Dimensions)
        {
            var n = d.Components.FirstOrDefault(c => Components.IsSurvey(c.Id))?.N;
            var score = d.Score is null ? "no data" : $"{Insights.P(d.Score),3}{DigestWords.Uncertainty(En, d.Se, DigestWords.DimensionN(d)),-5}";
            var trend = d.Score is null ? "" : TrendText(d.Trend, d.Score - d.Previous);
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {d.Name,-18} {Bar(d.Score)} {score,-9} {(n is null ? "survey n<k or none" : $"survey n={n}"),-19} {trend}");
        }
        sb.AppendLine();
        sb.AppendLine($"Pulse: {s.Participation.Respondents} of {s.Participation.Invited} answered" +
                      (s.Participation.Rate is { } r ? $" ({Insights.P(r)}%)" : "") + $"; anonymity threshold k = {s.Team.AnonymityThreshold}.");
        if (s.HandoffFeedbackWindow == "trailing-4-weeks")
            sb.AppendLine("Handoff figures use the last 4 weeks (fewer than 3 ratings this week).");
        var insights = managerView ? s.ManagerInsights : s.Insights;
        sb.AppendLine();
        sb.AppendLine(managerView ? "Insights (manager view):" : "Insights:");
        if (insights.Count == 0) sb.AppendLine("  Nothing stands out this week.");
        for (var i = 0; i < insights.Count; i++) sb.AppendLine(CultureInfo.InvariantCulture, $"  {i + 1}. {insights[i].Text}");
        return sb.ToString();
    }

    private static readonly Localization.Texts En = Localization.Texts.For(Localization.Texts.English);

    public static string TrendText(Trend trend, double? delta) => trend switch
    {
        Trend.Rise => $"▲ +{Insights.P(delta)} (significant)",
        Trend.Drop => $"▼ {DigestWords.Signed(delta)} (significant)",
        Trend.Steady => $"steady ({DigestWords.Signed(delta)}, within noise)",
        Trend.NotComparable => "not comparable with last week",
        _ => "no trend yet",
    };

    private static string Bar(double? score)
    {
        var filled = score is null ? 0 : (int)Math.Round(score.Value / 10, MidpointRounding.AwayFromZero);
        return "[" + new string('█', filled) + new string('·', 10 - filled) + "]";
    }

    private static string Spark(IReadOnlyList<(string Week, double? Cei)> history)
    {
        const string ticks = "▁▂▃▄▅▆▇█";
        var values = history.Select(h => h.Cei).ToList();
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        if (known.Count == 0) return "";
        double lo = known.Min(), hi = known.Max();
        return new string(values.Select(v => v is null ? ' ' : ticks[hi - lo < 1e-9 ? 3 : (int)Math.Round((v.Value - lo) / (hi - lo) * 7)]).ToArray());
    }
}
