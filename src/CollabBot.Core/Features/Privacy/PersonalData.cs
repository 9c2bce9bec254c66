using CollabBot.Core.Bot;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Privacy;

// Everything stored about one member that is linked to them. Pulse answers are not: they sit
// under a pseudonym no one can tie back without the server's key, so they cannot be exported.
internal static class PersonalData
{
    public static async Task<object> CollectAsync(BotContext ctx)
    {
        var me = ctx.Me;
        var db = ctx.Db;
        var ct = ctx.Cancellation;
        var names = await db.Members.Where(m => m.TeamId == me.TeamId).ToDictionaryAsync(m => m.Id, m => m.DisplayName, ct);
        var goals = await db.Goals.Where(g => g.OwnerId == me.Id).OrderBy(g => g.Id)
            .Select(g => new { id = "g" + g.Id, g.Title, g.StartValue, g.Target, g.CurrentValue, g.StartDate, g.DueDate, g.Archived }).ToListAsync(ct);
        var goalIds = db.Goals.Where(g => g.OwnerId == me.Id).Select(g => g.Id);
        var checkIns = await db.CheckIns.Where(c => goalIds.Contains(c.GoalId)).OrderBy(c => c.At)
            .Select(c => new { goal = "g" + c.GoalId, c.At, c.Value, c.Confidence, c.Blocker }).ToListAsync(ct);
        var given = await db.Kudos.Include(k => k.Receivers).Where(k => k.GiverId == me.Id).OrderBy(k => k.At).ToListAsync(ct);
        var receivedIds = db.KudosReceivers.Where(r => r.MemberId == me.Id).Select(r => r.KudosId);
        var received = await db.Kudos.Where(k => receivedIds.Contains(k.Id)).OrderBy(k => k.At).ToListAsync(ct);
        var handoffs = await db.Handoffs.Where(h => h.FromId == me.Id || h.ToId == me.Id).OrderBy(h => h.At).ToListAsync(ct);
        var handoffIds = handoffs.Select(h => h.Id).ToList();
        var feedback = await db.HandoffFeedback.Where(f => handoffIds.Contains(f.HandoffId)).ToDictionaryAsync(f => f.HandoffId, ct);
        var rounds = await db.PulseParticipations.Where(p => p.MemberId == me.Id).CountAsync(ct);
        var answered = await db.PulseParticipations.Where(p => p.MemberId == me.Id && p.AnsweredAt != null).CountAsync(ct);

        return new
        {
            format = "collabbot-my-data/1",
            exportedAt = ctx.Now,
            member = new { me.DisplayName, me.SalesRole, me.IsManager, me.IsAdmin, me.Locale, me.TimeZone, me.JoinedAt, team = ctx.RequiredTeam.Name },
            goals,
            checkIns,
            kudosGiven = given.Select(k => new { k.At, k.Value, k.Message, to = k.Receivers.Select(r => names.GetValueOrDefault(r.MemberId)) }),
            kudosReceived = received.Select(k => new { k.At, k.Value, k.Message, from = names.GetValueOrDefault(k.GiverId) }),
            handoffs = handoffs.Select(h => new
            {
                direction = h.FromId == me.Id ? "given" : "received", h.At, h.Subject, h.Note, h.RolePair,
                other = names.GetValueOrDefault(h.FromId == me.Id ? h.ToId : h.FromId),
                feedback = feedback.GetValueOrDefault(h.Id) is { } f ? new { f.Quality, f.ItemsPresent, f.ItemsTotal, f.Comment, f.At } : null,
            }),
            pulse = new { roundsInvited = rounds, roundsAnswered = answered, answers = ctx.T["export.pulse.note"] },
        };
    }
}
