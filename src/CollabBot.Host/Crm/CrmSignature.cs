using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Host.Crm;

internal enum CrmCheck { Valid, Missing, Malformed, Stale, Mismatch }

// The generic webhook's signature: X-CollabBot-Signature: v1=<hex HMAC-SHA256(secret,
// "{timestamp}.{raw body}")>, X-CollabBot-Timestamp in unix seconds within the allowed skew.
// Compared in constant time over the raw bytes, before anything reads the body.
internal static class CrmSignature
{
    public const string TimestampHeader = "X-CollabBot-Timestamp";
    public const string SignatureHeader = "X-CollabBot-Signature";
    private const string Prefix = "v1=";

    public static CrmCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, int maxSkewSeconds)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return CrmCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !signature.StartsWith(Prefix, StringComparison.Ordinal) || signature.Length != Prefix.Length + 64)
            return CrmCheck.Malformed;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > maxSkewSeconds) return CrmCheck.Stale;
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return CrmCheck.Malformed;
        Span<byte> expected = stackalloc byte[32];
        Compute(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? CrmCheck.Valid : CrmCheck.Mismatch;
    }

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[32];
        Compute(secret, timestamp, body, mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    private static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, destination);
    }
}
