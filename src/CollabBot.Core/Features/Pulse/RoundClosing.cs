using System.Globalization;
using System.Security.Cryptography;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Pulse;

// Closing a round, the one way for the scheduled close and `pulse close` alike. In one
// transaction: the round is marked closed (only by the first closer: a second host finds it
// closed and does nothing), its sealed answers are unsealed and stored as responses in a
// random order under random respondent ids with no time, the sorted whole answer hours go on
// the round, and whether at least k people answered is decided for good (Published). After
// this no answer gets in (the answer writer checks the round inside its own transaction and,
// on PostgreSQL, holds the round row while it writes), so a closed round's answer set never
// changes: every survey figure of it is drawn from the same answers.
internal static class RoundClosing
{
    public static async Task<bool> CloseAsync(CollabDbContext db, Pseudonyms keys, long roundId, DateTimeOffset now, int k, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var round = await db.Unscoped<PulseRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return false;
        var closedAt = round.ClosesAt < now ? round.ClosesAt : now;
        var closed = await db.Unscoped<PulseRound>().Where(r => r.Id == roundId && r.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, closedAt), ct);
        if (closed == 0) return false;

        var sealedRows = await db.Unscoped<PulseSealedAnswer>().Where(a => a.RoundId == roundId).AsNoTracking().ToListAsync(ct);
        var answers = sealedRows.Select(a => SealedAnswer.Unseal(keys, a.Sealed)).ToArray();
        RandomNumberGenerator.Shuffle(answers.AsSpan());
        foreach (var a in answers)
        {
            db.Add(new PulseResponse
            {
                WorkspaceId = round.WorkspaceId,
                RoundId = roundId,
                Respondent = RandomRespondent(),
                Comment = a.Comment,
                ReplyRoute = a.Comment is not null && a.Author is not null ? Comments.CommentThreads.SealRoute(keys, a.Author) : null,
                Answers = a.Values.Select(v => new PulseAnswer { WorkspaceId = round.WorkspaceId, QuestionKey = v.Key, Value = v.Value }).ToList(),
            });
        }
        await db.SaveChangesAsync(ct);

        var hours = string.Join(',', answers.Select(a => SealedAnswer.HoursSince(round.SentAt, new DateTimeOffset(a.AtTicks, TimeSpan.Zero)))
            .Order().Select(h => h.ToString(CultureInfo.InvariantCulture)));
        var threshold = Math.Max(3, k);
        await db.Unscoped<PulseRound>().Where(r => r.Id == roundId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AnswerHours, hours).SetProperty(r => r.Published, answers.Length >= threshold)
                .SetProperty(r => r.AnonymityThreshold, threshold), ct);
        await db.Unscoped<PulseSealedAnswer>().Where(a => a.RoundId == roundId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    // Rounds past their closing time that the close job has not reached yet (it runs on the
    // team's schedule) are closed before anything is scored from them, the same way.
    public static async Task CloseDueAsync(CollabDbContext db, Pseudonyms keys, IReadOnlyCollection<long> teamIds, DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.Unscoped<PulseRound>().Where(r => teamIds.Contains(r.TeamId) && r.ClosedAt == null && r.ClosesAt <= now)
            .Join(db.Unscoped<Team>(), r => r.TeamId, t => t.Id, (r, t) => new { r.Id, t.AnonymityThreshold }).AsNoTracking().ToListAsync(ct);
        foreach (var round in due) await CloseAsync(db, keys, round.Id, now, round.AnonymityThreshold, ct);
    }

    public static IReadOnlyList<int> ParseHours(string? hours) =>
        string.IsNullOrEmpty(hours) ? [] : hours.Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToList();

    private static string RandomRespondent() =>
        "p-" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
}
