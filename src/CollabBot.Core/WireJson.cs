using System.Text.Json;
using System.Text.Json.Nodes;

namespace CollabBot.Core;

// Reading JSON a platform (or anyone pretending to be one) sent. System.Text.Json checks
// structure when parsing but decodes strings and property names only when read: invalid UTF-8,
// a lone surrogate escape ("\ud800") or a repeated property would throw later, deep inside a
// handler. So a body is accepted only whole — an object whose every name and string reads —
// and fields are then read by path, a missing field and a field of the wrong type alike null.
//
// The check runs over the bytes, without building the tree: the tree is built lazily, level
// by level as a handler reads it, and a Slack view_submission carries the whole modal, most of
// which is never read.
internal static class WireJson
{
    private static readonly JsonDocumentOptions NoRepeats = new() { AllowDuplicateProperties = false };

    public static JsonObject? ParseObject(ReadOnlySpan<byte> utf8) => Parse(utf8) as JsonObject;

    // A batch of events (HubSpot's webhooks send an array).
    public static JsonArray? ParseArray(ReadOnlySpan<byte> utf8) => Parse(utf8) as JsonArray;

    private static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8) || !EscapesRead(utf8)) return null;
        try
        {
            return JsonNode.Parse(utf8, documentOptions: NoRepeats);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    public static JsonNode? At(this JsonNode? node, string key) => node is JsonObject o && o.TryGetPropertyValue(key, out var v) ? v : null;

    public static JsonNode? At(this JsonNode? node, int index) => node is JsonArray a && index >= 0 && index < a.Count ? a[index] : null;

    public static string? Str(this JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    // Unescaping is where a string can fail (plain ones are valid UTF-8, checked already).
    private static bool EscapesRead(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        Span<byte> small = stackalloc byte[256];
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
                var length = reader.ValueSpan.Length;   // unescaped is never longer
                var rented = length > small.Length ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
                try
                {
                    reader.CopyString(rented ?? small);
                }
                finally
                {
                    if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                }
            }
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
