using System.Text.Json;

namespace CollabBot.Core.Features.Pulse;

// What a sealed answer holds: the exact time (only to take whole hours at the close), the
// values, the comment and, with a comment only, its author's platform user id (the route a
// manager's anonymous reply takes: sealed again at the close). Serialized, then sealed with
// the server's key (Pseudonyms.Seal).
internal sealed record SealedAnswer(long AtTicks, Dictionary<string, int> Values, string? Comment, string? Author = null)
{
    public static byte[] Seal(Pseudonyms keys, DateTimeOffset at, Dictionary<string, int> values, string? comment, string? author = null) =>
        keys.Seal(JsonSerializer.SerializeToUtf8Bytes(new SealedAnswer(at.UtcTicks, values, comment, comment is null ? null : author)));

    public static SealedAnswer Unseal(Pseudonyms keys, byte[] sealedBytes) =>
        JsonSerializer.Deserialize<SealedAnswer>(keys.Unseal(sealedBytes)) ?? throw new InvalidDataException("empty sealed answer");

    // Whole hours from the send, rounded down; never negative.
    public static int HoursSince(DateTimeOffset sentAt, DateTimeOffset at) => Math.Max(0, (int)Math.Floor((at - sentAt).TotalHours));
}
