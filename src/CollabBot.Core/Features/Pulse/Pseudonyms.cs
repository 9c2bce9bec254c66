using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Core.Features.Pulse;

// The respondent key of a pulse answer: HMAC-SHA256(server secret, round ‖ member), cut to
// 96 bits. Stable within a round (a second answer collides), unlinkable across rounds, and
// not reversible without the secret, which never lives in the database.
internal sealed class Pseudonyms(byte[] key)
{
    public const int MinKeyBytes = 32;
    private readonly byte[] _key = key.Length >= MinKeyBytes ? key : throw new ArgumentException($"the pseudonym key needs at least {MinKeyBytes} bytes");

    public string For(long roundId, long memberId)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"pulse-respondent:{roundId}:{memberId}"));
        return "p-" + Base64Url(mac.AsSpan(0, 12));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
