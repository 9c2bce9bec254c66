using System.Text;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Comments;

internal enum CommentsState { NoRound, Open, Sealed, Shown }

internal sealed record CommentsView(PulseRound? Round, CommentsState State, IReadOnlyList<(long ResponseId, string Text)> Comments);

// Anonymous comments and the replies that go back and forth about them. A comment is shown
// only once its round has closed with at least k people (PulseRound.Published), numbered in the
// order the close stored the responses (a shuffle), with no time. The way back to its author is
// the response's ReplyRoute, sealed with the server's key; a thread's buttons carry a sealed
// token (response and which side to deliver to), so nothing stored or sent in clear ties a
// comment to a person — an operator holding both the database and the key could unseal a route.
internal static class CommentThreads
{
    public const string ToAuthor = "a";

    public static string SealRoute(Pseudonyms keys, string platformUserId) => Encode(keys.Seal(Encoding.UTF8.GetBytes(platformUserId)));

    public static string? OpenRoute(Pseudonyms keys, string? route) => Open(keys, route);

    // side: ToAuthor, or "m" + the manager's member id.
    public static string Token(Pseudonyms keys, long responseId, string side) => Encode(keys.Seal(Encoding.UTF8.GetBytes($"{responseId}:{side}")));

    public static (long ResponseId, string Side)? ReadToken(Pseudonyms keys, string? token) =>
        Open(keys, token) is { } text && text.Split(':') is [var id, var side] && long.TryParse(id, out var responseId) ? (responseId, side) : null;

    // The comments of the team's round of a week (by default the latest closed round).
    public static async Task<CommentsView> LoadAsync(CollabDbContext db, Team team, IsoWeek? week, CancellationToken ct)
    {
        var rounds = db.PulseRounds.Where(r => r.TeamId == team.Id);
        var label = week?.ToString();
        var round = label is not null
            ? await rounds.FirstOrDefaultAsync(r => r.Week == label, ct)
            : await rounds.Where(r => r.ClosedAt != null).OrderByDescending(r => r.SentAt).FirstOrDefaultAsync(ct)
              ?? await rounds.OrderByDescending(r => r.SentAt).FirstOrDefaultAsync(ct);
        if (round is null) return new(null, CommentsState.NoRound, []);
        if (round.ClosedAt is null) return new(round, CommentsState.Open, []);
        if (!round.Published) return new(round, CommentsState.Sealed, []);
        var comments = await db.PulseResponses.Where(r => r.RoundId == round.Id && r.Comment != null).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Comment }).ToListAsync(ct);
        return new(round, CommentsState.Shown, comments.Select(c => (c.Id, c.Comment!)).ToList());
    }

    // `forget me`: the routes back to this person go; their comments stay, anonymous.
    public static async Task<int> EraseRoutesAsync(CollabDbContext db, Pseudonyms keys, string platformUserId, CancellationToken ct)
    {
        var routes = await db.PulseResponses.Where(r => r.ReplyRoute != null).Select(r => new { r.Id, r.ReplyRoute }).ToListAsync(ct);
        var mine = routes.Where(r => OpenRoute(keys, r.ReplyRoute) == platformUserId).Select(r => r.Id).ToList();
        return mine.Count == 0 ? 0
            : await db.PulseResponses.Where(r => mine.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReplyRoute, (string?)null), ct);
    }

    private static string? Open(Pseudonyms keys, string? sealedText)
    {
        if (string.IsNullOrEmpty(sealedText)) return null;
        try
        {
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(sealedText);
            return bytes.Length < 28 ? null : Encoding.UTF8.GetString(keys.Unseal(bytes));
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
