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
        string Names() => List(e, "names") is { Count: > 0 } names ? t.F("insight.names", t.Join(names)) : "";
        return i.Kind switch
        {
            "drop" or "rise" => t.F("insight." + i.Kind, Dim(), P(Math.Abs(Num(e, "delta") ?? 0)), P(Num(e, "previous")),
                P(Num(e, "previous") + Num(e, "delta")), P(Num(e, "threshold"))),
            "lowest-dimension" => t.F("insight.lowest", Dim(), P(Num(e, "score")), DigestWords.Uncertainty(t, Num(e, "se"), null).Trim()),
            "no-kudos" => t.F(t.Plural("insight.no-kudos", Count(e)), P(Num(e, "count"))) + Names(),
            "check-ins-overdue" => t.F(t.Plural("insight.overdue", Count(e)), P(Num(e, "count"))) + Names(),
            "goals-at-risk" => t.F(t.Plural("insight.at-risk", Count(e)), P(Num(e, "count"))) + Goals(e, t),
            "weak-handoff-pair" => t.F("insight.pair", (Str(e, "pair") ?? "").Replace(">", "→"), P(Num(e, "quality")), P(Num(e, "n")))
                + (Str(e, "missingItem") is { } item ? t.F("insight.pair.missing", ChecklistTitle(item, t), P(Num(e, "missingCount"))) : ""),
            "low-participation" => t.F("insight.participation", P(Num(e, "rate"))),
            _ => i.Text,
        };
    }

    private static string P(double? x) => Insights.P(x);

    private static long Count(IReadOnlyDictionary<string, object?> e) => (long)(Num(e, "count") ?? 0);

    // The model records missing items by their English title; show the reader's own.
    private static string ChecklistTitle(string english, Texts t) => Handoffs.HandoffChecklist.Localize(english, t);

    private static string Goals(IReadOnlyDictionary<string, object?> e, Texts t) =>
        Json(e, "goals") is { ValueKind: JsonValueKind.Array } a
            ? t.F("insight.names", t.Join(a.EnumerateArray().Select(g => $"{g.GetProperty("title").GetString()} ({g.GetProperty("ownerName").GetString()})")))
            : "";

    // Evidence is plain values in a fresh snapshot and JSON in a stored one: read both as JSON.
    private static JsonElement? Json(IReadOnlyDictionary<string, object?> e, string key) => e.GetValueOrDefault(key) switch
    {
        null => null,
        JsonElement j => j,
        var v => JsonSerializer.SerializeToElement(v, CollabJson.Options),
    };

    private static double? Num(IReadOnlyDictionary<string, object?> e, string key) =>
        Json(e, key) is { ValueKind: JsonValueKind.Number } j ? j.GetDouble() : null;

    private static string? Str(IReadOnlyDictionary<string, object?> e, string key) =>
        Json(e, key) is { ValueKind: JsonValueKind.String } j ? j.GetString() : null;

    private static List<string>? List(IReadOnlyDictionary<string, object?> e, string key) =>
        Json(e, key) is { ValueKind: JsonValueKind.Array } j ? j.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : null;
}
