using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Handoffs;

// Reads what HandoffPairStats needs for one team: the handoffs made and the ratings given in
// [start, end), with the handoffs those ratings are about. Two queries, whatever the team's size;
// the context must be scoped to the team's workspace.
internal static class HandoffPairQuery
{
    public static async Task<IReadOnlyList<HandoffPairRow>> LoadAsync(CollabDbContext db, long teamId, DateTimeOffset start, DateTimeOffset end,
        DateTimeOffset asOf, CancellationToken ct)
    {
        var handoffs = db.Handoffs.Where(h => h.TeamId == teamId);
        var made = await handoffs.Where(h => h.At >= start && h.At < end)
            .Select(h => new HandoffInfo("h" + h.Id, "m" + h.FromId, "m" + h.ToId, h.RolePair, null, h.At)).AsNoTracking().ToListAsync(ct);
        var rated = await (
            from f in db.HandoffFeedback
            join h in handoffs on f.HandoffId equals h.Id
            where f.At >= start && f.At < end
            select new
            {
                f.HandoffId,
                f.Quality,
                f.ItemsPresent,
                f.ItemsTotal,
                f.At,
                f.MissingItems,
                Handoff = new HandoffInfo("h" + h.Id, "m" + h.FromId, "m" + h.ToId, h.RolePair, null, h.At)
            })
            .AsNoTracking().ToListAsync(ct);
        var all = made.Concat(rated.Select(r => r.Handoff)).DistinctBy(h => h.Id).ToList();
        var feedback = rated.Select(r => new HandoffFeedbackInfo("h" + r.HandoffId, r.Quality, r.ItemsPresent, r.ItemsTotal, r.At,
            r.MissingItems?.Split('\n', StringSplitOptions.RemoveEmptyEntries))).ToList();
        return HandoffPairStats.Compute(all, feedback, start, end, asOf);
    }
}
