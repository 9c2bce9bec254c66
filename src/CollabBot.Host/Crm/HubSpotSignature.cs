using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Host.Crm;

// HubSpot's v3 request signature: X-HubSpot-Signature-v3 = base64(HMAC-SHA256(client secret,
// method + URI + body + X-HubSpot-Request-Timestamp)), the timestamp in milliseconds and no
// older than 5 minutes. The URI is the one HubSpot called (the public address, not the one
// a proxy forwarded to), with the URL-encoded characters HubSpot's request-validation page
// lists decoded.
internal static class HubSpotSignature
{
    public const string SignatureHeader = "X-HubSpot-Signature-v3";
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    private static readonly (string Encoded, string Plain)[] Decoded =
    [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"),
        ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ];

    public static CrmCheck Verify(string clientSecret, string method, string uri, ReadOnlySpan<byte> body, string? timestamp, string? signature,
        DateTimeOffset now, int maxSkewSeconds)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return CrmCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)) return CrmCheck.Malformed;
        if (Math.Abs(now.ToUnixTimeMilliseconds() - millis) > maxSkewSeconds * 1000L) return CrmCheck.Stale;
        Span<byte> given = stackalloc byte[32];
        if (!Convert.TryFromBase64String(signature, given, out var written) || written != 32) return CrmCheck.Malformed;
        Span<byte> expected = stackalloc byte[32];
        Compute(clientSecret, method, uri, body, timestamp, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? CrmCheck.Valid : CrmCheck.Mismatch;
    }

    public static string Sign(string clientSecret, string method, string uri, ReadOnlySpan<byte> body, string timestamp)
    {
        Span<byte> mac = stackalloc byte[32];
        Compute(clientSecret, method, uri, body, timestamp, mac);
        return Convert.ToBase64String(mac);
    }

    // The address HubSpot signed: the public base, the path and the query as HubSpot wrote it.
    public static string Uri(string publicBaseUrl, string path, string query)
    {
        var uri = publicBaseUrl.TrimEnd('/') + path + query;
        foreach (var (encoded, plain) in Decoded) uri = uri.Replace(encoded, plain, StringComparison.OrdinalIgnoreCase);
        return uri;
    }

    private static void Compute(string secret, string method, string uri, ReadOnlySpan<byte> body, string timestamp, Span<byte> destination)
    {
        var head = Encoding.UTF8.GetBytes(method + uri);
        var tail = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[head.Length + body.Length + tail.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        tail.CopyTo(message, head.Length + body.Length);
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, destination);
    }
}
