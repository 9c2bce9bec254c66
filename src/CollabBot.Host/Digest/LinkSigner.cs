using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Host.Digest;

// Signs and checks expiring links: sig = HMAC-SHA256(key, "digest-link/1" ‖ path ‖ exp), exp
// in Unix seconds. The path is the canonical resource (team and week included), so a
// signature opens exactly one resource until exp and nothing else.
internal sealed class LinkSigner(byte[] key, TimeProvider time)
{
    public const int MinKeyBytes = 32;
    private readonly byte[] _key = key.Length >= MinKeyBytes ? key : throw new ArgumentException($"the link key needs at least {MinKeyBytes} bytes");

    public string Query(string path, DateTimeOffset expires)
    {
        var exp = expires.ToUnixTimeSeconds();
        return $"?exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={Base64Url(Mac(path, exp))}";
    }

    // Every failure looks the same to the caller. The signature text is compared in constant
    // time (as text, so no two spellings of one MAC pass), and it is checked whether or not the
    // link has expired, so timing tells nothing either.
    public bool IsValid(string path, string? exp, string? sig, out DateTimeOffset expires)
    {
        expires = default;
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Base64Url(Mac(path, seconds)));
        var authentic = CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(sig ?? ""));
        expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return authentic & time.GetUtcNow() < expires;
    }

    // 9999-12-31T23:59:59Z, the last instant DateTimeOffset can hold.
    private const long MaxUnixSeconds = 253402300799;

    private byte[] Mac(string path, long exp) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"digest-link/1\n{path}\n{exp.ToString(CultureInfo.InvariantCulture)}"));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
