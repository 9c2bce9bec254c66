namespace CollabBot.Slack.Wire;

// Card payloads (short ids) travel in a button's `value` and a modal's `private_metadata`
// as a query string: "r=12&h=3".
internal static class ActionValue
{
    public static string Encode(IReadOnlyDictionary<string, string>? values) =>
        values is null ? "" : string.Join('&', values.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));

    public static Dictionary<string, string> Decode(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            result[Uri.UnescapeDataString(part[..eq])] = Uri.UnescapeDataString(part[(eq + 1)..]);
        }
        return result;
    }
}
