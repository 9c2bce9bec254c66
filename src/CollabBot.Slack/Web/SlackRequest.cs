using System.Buffers;
using System.Text;

namespace CollabBot.Slack.Web;

// Reading what Slack sent, once it is verified (SlackVerification): its content type, its
// form fields, the URL it says to answer at.
internal static class SlackRequest
{
    public const int MaxBodyBytes = 512 * 1024;

    public static bool IsForm(HttpRequest r) =>
        r.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsJson(HttpRequest r) =>
        r.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    // Where Slack says to answer: only an absolute http(s) URL in ASCII is one (Slack's are
    // https://hooks.slack.com/…; a host with other characters fails later, in IDN mapping).
    // Anything else is answered through the Web API instead of failing the request.
    public static string? ResponseUrl(string? url) =>
        url is not null && Ascii.IsValid(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? url : null;

    // One field of a form body as UTF-8 bytes, decoded without turning the body into strings
    // first: an interaction's `payload` is most of its body, and is parsed as JSON from bytes.
    public static byte[]? FormField(byte[] body, string name)
    {
        var span = body.AsSpan();
        for (var start = 0; start < span.Length;)
        {
            var end = span[start..].IndexOf((byte)'&') is var amp and >= 0 ? start + amp : span.Length;
            var pair = span[start..end];
            if (pair.Length > name.Length && pair[name.Length] == (byte)'=' && Ascii.Equals(pair[..name.Length], name))
                return System.Net.WebUtility.UrlDecodeToBytes(body, start + name.Length + 1, pair.Length - name.Length - 1);
            start = end + 1;
        }
        return null;
    }

    // A form body's fields, each decoded straight from the bytes (no string of the whole body
    // first), read the way QueryHelpers.ParseQuery reads them: a leading '?' skipped, '+' is a
    // space, a field without '=' is empty, a repeated field's non-empty values joined by commas.
    public static Dictionary<string, string> ParseForm(byte[] body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = body.AsSpan();
        if (rest is [(byte)'?', ..]) rest = rest[1..];
        while (!rest.IsEmpty)
        {
            var amp = rest.IndexOf((byte)'&');
            var pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? default : rest[(amp + 1)..];
            if (pair.IsEmpty) continue;
            var eq = pair.IndexOf((byte)'=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            fields[key] = !fields.TryGetValue(key, out var earlier) || earlier.Length == 0 ? value : value.Length == 0 ? earlier : earlier + "," + value;
        }
        return fields;
    }

    private static string Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOfAny((byte)'%', (byte)'+') < 0) return Encoding.UTF8.GetString(raw);
        byte[]? rented = null;
        Span<byte> buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                var b = raw[i];
                if (b == (byte)'+') b = (byte)' ';
                else if (b == (byte)'%' && i + 2 < raw.Length && Hex(raw[i + 1]) is var high and >= 0 && Hex(raw[i + 2]) is var low and >= 0)
                    (b, i) = ((byte)(high << 4 | low), i + 2);
                buffer[length++] = b;
            }
            var decoded = buffer[..length];
            // Escapes that spell no UTF-8 stay as they were written, the way Uri.UnescapeDataString leaves them.
            return System.Text.Unicode.Utf8.IsValid(decoded) ? Encoding.UTF8.GetString(decoded)
                : Uri.UnescapeDataString(Encoding.UTF8.GetString(raw).Replace('+', ' '));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Hex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
