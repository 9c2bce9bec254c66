using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Digest;

// Which week a bare `digest` shows. The current week to date, unless the latest stored digest
// is last week's and nothing has happened yet this week: on a Monday morning the digest just
// posted is what people mean, but an older stored week (or an empty one from before the team
// was set up) is never shown in place of the week that is under way.
internal static class DigestChoice
{
    public static async Task<IsoWeek> ForBareCommandAsync(CollabDbContext db, Team team, IsoWeek current, TimeZoneInfo zone, CancellationToken ct)
    {
        var last = current.Previous().ToString();
        var lastStored = await db.DigestSnapshots.AnyAsync(s => s.TeamId == team.Id && s.Model == CeiModel.Id && s.Week == last, ct);
        var newer = await db.DigestSnapshots.AnyAsync(s => s.TeamId == team.Id && s.Model == CeiModel.Id && s.Week.CompareTo(last) > 0, ct);
        if (!lastStored || newer) return current;
        return await AnythingSinceAsync(db, team.Id, current.Start(zone), ct) ? current : current.Previous();
    }

    // What a week's digest counts: pulse rounds, check-ins, kudos and handoffs.
    private static async Task<bool> AnythingSinceAsync(CollabDbContext db, long team, DateTimeOffset start, CancellationToken ct) =>
        await db.PulseRounds.AnyAsync(r => r.TeamId == team && r.SentAt >= start, ct)
        || await db.Kudos.AnyAsync(k => k.TeamId == team && k.At >= start, ct)
        || await db.Handoffs.AnyAsync(h => h.TeamId == team && h.At >= start, ct)
        || await db.CheckIns.AnyAsync(c => c.At >= start && db.Goals.Any(g => g.Id == c.GoalId && g.TeamId == team), ct);
}
