using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CollabBot.Core.Features.Privacy;

// Removes one person's name from a stored digest without touching anything else: exact
// matches in string values (name lists, a goal's owner) and whole-word matches inside
// insight texts. Keys, figures and other people's names ("Daniel" when "Dan" is erased) stay.
internal static class SnapshotRedaction
{
    public static string Redact(string json, string name, string replacement)
    {
        var root = JsonNode.Parse(json);
        if (root is null || name.Length == 0) return json;
        var word = new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}])");
        Walk(root, name, replacement, word);
        return root.ToJsonString(CollabJson.Options);
    }

    private static void Walk(JsonNode node, string name, string replacement, Regex word)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                    if (o[key] is JsonValue v && v.TryGetValue<string>(out var text)) o[key] = Replace(text, key == "text", name, replacement, word);
                    else if (o[key] is { } child) Walk(child, name, replacement, word);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var text)) a[i] = Replace(text, false, name, replacement, word);
                    else if (a[i] is { } child) Walk(child, name, replacement, word);
                break;
        }
    }

    private static string Replace(string text, bool prose, string name, string replacement, Regex word) =>
        text == name ? replacement : prose ? word.Replace(text, replacement) : text;
}
