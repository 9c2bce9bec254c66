using System.Text.Json;
using System.Text.Json.Nodes;

namespace CollabBot.Core;

// Reading JSON a platform (or anyone pretending to be one) sent. System.Text.Json checks
// structure when parsing but decodes strings and property names only when read: invalid UTF-8,
// a lone surrogate escape ("\ud800") or a repeated property would throw later, deep inside a
// handler. So a body is accepted only whole — an object whose every name and string reads —
// and fields are then read by path, a missing field and a field of the wrong type alike null.
internal static class WireJson
{
    public static JsonObject? ParseObject(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) return null;
        try
        {
            return JsonNode.Parse(utf8) is JsonObject json && Readable(json) ? json : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    public static JsonObject? ParseObject(string? text) => text is null ? null : ParseObject(System.Text.Encoding.UTF8.GetBytes(text));

    public static JsonNode? At(this JsonNode? node, string key) => node is JsonObject o && o.TryGetPropertyValue(key, out var v) ? v : null;

    public static JsonNode? At(this JsonNode? node, int index) => node is JsonArray a && index >= 0 && index < a.Count ? a[index] : null;

    public static string? Str(this JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    // Walking every node decodes every name and string once (the parsed tree keeps them), so
    // what a handler reads afterwards cannot throw.
    private static bool Readable(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                    if (child is not null && !Readable(child)) return false;
                return true;
            case JsonArray a:
                foreach (var child in a)
                    if (child is not null && !Readable(child)) return false;
                return true;
            default:
                if (node.GetValueKind() == JsonValueKind.String) _ = node.GetValue<string>();
                return true;
        }
    }
}
