using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Core.Features.Pulse;

// Everything the pulse keys with the server secret, which never lives in the database:
// - Mark: "this person answered this round", HMAC(secret, round ‖ platform user). It is
//   keyed by the platform's user id, not the member row, so `forget me` and rejoining do not
//   make a second answer possible, and without the secret it names nobody.
// - Reminder: the opaque tail of a reminder's outbox key (ledgers never show a member id).
// - Seal/Unseal: an answer while its round is open, AES-GCM under a key derived from the
//   secret; the close unseals the round's answers and stores them shuffled (RoundClosing).
internal sealed class Pseudonyms
{
    public const int MinKeyBytes = 32;
    private readonly byte[] _key;
    private readonly byte[] _sealKey;

    public Pseudonyms(byte[] key)
    {
        _key = key.Length >= MinKeyBytes ? key : throw new ArgumentException($"the pseudonym key needs at least {MinKeyBytes} bytes");
        _sealKey = HMACSHA256.HashData(_key, "collabbot-sealed-answers-v1"u8);
    }

    public string Mark(long roundId, string platformUserId) => Token($"pulse-mark:{roundId}:{platformUserId}");

    public string Reminder(long roundId, long memberId) => Token($"pulse-reminder:{roundId}:{memberId}");

    public byte[] Seal(ReadOnlySpan<byte> plain)
    {
        var sealedBytes = new byte[12 + 16 + plain.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_sealKey, 16);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        return sealedBytes;
    }

    public byte[] Unseal(ReadOnlySpan<byte> sealedBytes)
    {
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(_sealKey, 16);
        aes.Decrypt(sealedBytes[..12], sealedBytes[28..], sealedBytes.Slice(12, 16), plain);
        return plain;
    }

    private string Token(string text)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text));
        return "p-" + System.Buffers.Text.Base64Url.EncodeToString(mac.AsSpan(0, 12));
    }
}
