using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Slack.Wire;

internal enum SignatureCheck { Valid, Missing, Malformed, Stale, Mismatch }

// Slack request signing: v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body)),
// compared in constant time, and the timestamp within 300 s of now.
internal static class SlackSignature
{
    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body,
        DateTimeOffset now, int maxSkewSeconds = 300)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return SignatureCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64)
            return SignatureCheck.Malformed;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > maxSkewSeconds) return SignatureCheck.Stale;

        Span<byte> expected = stackalloc byte[32];
        Compute(secret, timestamp, body, expected);
        Span<byte> given = stackalloc byte[32];
        try
        {
            if (Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
                return SignatureCheck.Malformed;
        }
        catch (FormatException)
        {
            return SignatureCheck.Malformed;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[32];
        Compute(secret, timestamp, body, mac);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    // The base string is built in a pooled buffer and the key in a stack one: a request costs
    // no allocation here beyond what the hash itself needs.
    private static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var keyMax = Encoding.UTF8.GetMaxByteCount(secret.Length);
        byte[]? rentedKey = null;
        Span<byte> key = keyMax <= 256 ? stackalloc byte[256] : (rentedKey = ArrayPool<byte>.Shared.Rent(keyMax));
        var length = 3 + Encoding.ASCII.GetByteCount(timestamp) + 1 + body.Length;
        var message = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            key = key[..Encoding.UTF8.GetBytes(secret, key)];
            "v0:"u8.CopyTo(message);
            var at = 3 + Encoding.ASCII.GetBytes(timestamp, message.AsSpan(3));
            message[at++] = (byte)':';
            body.CopyTo(message.AsSpan(at));
            HMACSHA256.HashData(key, message.AsSpan(0, length), destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (rentedKey is not null) ArrayPool<byte>.Shared.Return(rentedKey);
            ArrayPool<byte>.Shared.Return(message);
        }
    }
}
