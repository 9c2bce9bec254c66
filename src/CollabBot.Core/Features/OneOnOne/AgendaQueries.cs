using CollabBot.Core.Bot;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.TeamView;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.OneOnOne;

// Everything a 1:1 agenda shows about one member, read in the member's team only.
internal static class AgendaQueries
{
    public static DateTimeOffset Since(BotContext ctx) => IsoWeek.Containing(ctx.Now, ctx.Zone).Minus(3).Start(ctx.Zone);

    public static async Task<AgendaData> LoadAsync(BotContext ctx, Member rep)
    {
        var (db, ct, zone, since) = (ctx.Db, ctx.Cancellation, ctx.Zone, Since(ctx));
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var names = await db.Members.AsNoTracking().Where(m => m.TeamId == rep.TeamId).ToDictionaryAsync(m => m.Id, m => m.DisplayName, ct);
        string Name(long id) => names.GetValueOrDefault(id, "");

        var notes = await db.OneOnOneNotes.AsNoTracking().Where(n => n.MemberId == rep.Id && n.At >= since)
            .OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Select(n => new { n.At, n.Text }).ToListAsync(ct);

        var goals = await db.Goals.AsNoTracking().Where(g => g.OwnerId == rep.Id && !g.IsTeamGoal && !g.Archived).OrderBy(g => g.Id).ToListAsync(ct);
        var goalIds = goals.Select(g => g.Id).ToList();
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => goalIds.Contains(c.GoalId)).ToListAsync(ct);
        var latest = checkIns.GroupBy(c => c.GoalId).ToDictionary(g => g.Key, g => g.MaxBy(c => (c.At, c.Id))!);
        var title = goals.ToDictionary(g => g.Id, g => g.Title);
        var agendaGoals = goals.Where(g => g.DueDate >= ctx.Today).Select(g => latest.GetValueOrDefault(g.Id) is { } c
            ? new AgendaGoal(g.Title, g.StartValue, g.CurrentValue ?? g.StartValue, g.Target, g.DueDate, c.Confidence, GoalPaces.Pace(g, c.Value, c.At, zone), Day(c.At))
            : new AgendaGoal(g.Title, g.StartValue, g.CurrentValue ?? g.StartValue, g.Target, g.DueDate, null, null, null)).ToList();
        var recent = checkIns.Where(c => c.At >= since).OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new AgendaCheckIn(Day(c.At), title[c.GoalId], c.Value, c.Confidence, c.Blocker)).ToList();

        var receivedIds = db.KudosReceivers.Where(r => r.MemberId == rep.Id).Select(r => r.KudosId);
        var kudosReceived = (await db.Kudos.AsNoTracking().Where(k => receivedIds.Contains(k.Id) && k.At >= since)
                .OrderByDescending(k => k.At).ThenByDescending(k => k.Id).ToListAsync(ct))
            .Select(k => new AgendaKudos(Day(k.At), [Name(k.GiverId)], k.Value, k.Message)).ToList();
        var kudosGiven = (await db.Kudos.AsNoTracking().Include(k => k.Receivers).Where(k => k.GiverId == rep.Id && k.At >= since)
                .OrderByDescending(k => k.At).ThenByDescending(k => k.Id).ToListAsync(ct))
            .Select(k => new AgendaKudos(Day(k.At), k.Receivers.OrderBy(r => r.MemberId).Select(r => Name(r.MemberId)).ToList(), k.Value, k.Message)).ToList();

        var feedback = await (
            from f in db.HandoffFeedback.AsNoTracking()
            join h in db.Handoffs.AsNoTracking() on f.HandoffId equals h.Id
            where (h.FromId == rep.Id || h.ToId == rep.Id) && f.At >= since
            orderby f.At descending, f.Id descending
            select new { h.FromId, h.ToId, h.Subject, f.At, f.Quality, f.ItemsPresent, f.ItemsTotal, f.MissingItems, f.Comment }).ToListAsync(ct);
        AgendaFeedback Feedback(string subject, long other, DateTimeOffset at, int quality, int present, int total, string? missing, string? comment) =>
            new(Day(at), subject, Name(other), quality, present, total, (missing ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(), comment);

        return new AgendaData(rep.DisplayName, rep.SalesRole, Day(since), notes.Select(n => new AgendaNote(Day(n.At), n.Text)).ToList(), agendaGoals, recent,
            kudosReceived, kudosGiven,
            feedback.Where(f => f.FromId == rep.Id).Select(f => Feedback(f.Subject, f.ToId, f.At, f.Quality, f.ItemsPresent, f.ItemsTotal, f.MissingItems, f.Comment)).ToList(),
            feedback.Where(f => f.ToId == rep.Id).Select(f => Feedback(f.Subject, f.FromId, f.At, f.Quality, f.ItemsPresent, f.ItemsTotal, f.MissingItems, f.Comment)).ToList());
    }
}
