using System.Text.Json;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.Digest;

// Renders a stored insight in the reader's language from its kind and evidence; the
// snapshot's own English text is the fallback for kinds this version does not know.
internal static class InsightText
{
    public static string Render(Insight i, Texts t)
    {
        var e = i.Evidence;
        string Dim() => CeiModel.IsDimension(Str(e, "dimension") ?? "") ? CeiModel.Dimension(Str(e, "dimension")!).Name(t.Locale) : "?";
        string Names() => List(e, "names") is { Count: > 0 } names ? ": " + string.Join(", ", names) : "";
        return i.Kind switch
        {
            "drop" or "rise" => t.F("insight." + i.Kind, Dim(), P(Math.Abs(Num(e, "delta") ?? 0)), P(Num(e, "previous")),
                P(Num(e, "previous") + Num(e, "delta")), P(Num(e, "threshold"))),
            "lowest-dimension" => t.F("insight.lowest", Dim(), P(Num(e, "score")), P(Num(e, "se"))),
            "no-kudos" => t.F("insight.no-kudos", P(Num(e, "count"))) + Names(),
            "check-ins-overdue" => t.F("insight.overdue", P(Num(e, "count"))) + Names(),
            "goals-at-risk" => t.F("insight.at-risk", P(Num(e, "count"))) + Goals(e),
            "weak-handoff-pair" => t.F("insight.pair", (Str(e, "pair") ?? "").Replace(">", "→"), P(Num(e, "quality")), P(Num(e, "n")))
                + (Str(e, "missingItem") is { } item ? t.F("insight.pair.missing", item, P(Num(e, "missingCount"))) : ""),
            "low-participation" => t.F("insight.participation", P(Num(e, "rate"))),
            _ => i.Text,
        };
    }

    private static string P(double? x) => Insights.P(x);

    private static string Goals(IReadOnlyDictionary<string, object?> e) =>
        e.TryGetValue("goals", out var v) && v is JsonElement { ValueKind: JsonValueKind.Array } a
            ? ": " + string.Join(", ", a.EnumerateArray().Select(g => $"{g.GetProperty("title").GetString()} ({g.GetProperty("ownerName").GetString()})"))
            : "";

    private static double? Num(IReadOnlyDictionary<string, object?> e, string key) => e.GetValueOrDefault(key) switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } j => j.GetDouble(),
        double d => d,
        int n => n,
        _ => null,
    };

    private static string? Str(IReadOnlyDictionary<string, object?> e, string key) => e.GetValueOrDefault(key) switch
    {
        JsonElement { ValueKind: JsonValueKind.String } j => j.GetString(),
        string s => s,
        _ => null,
    };

    private static IReadOnlyList<string>? List(IReadOnlyDictionary<string, object?> e, string key) => e.GetValueOrDefault(key) switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } j => j.EnumerateArray().Select(x => x.GetString() ?? "").ToList(),
        IEnumerable<string?> l => l.Select(x => x ?? "").ToList(),
        _ => null,
    };
}
