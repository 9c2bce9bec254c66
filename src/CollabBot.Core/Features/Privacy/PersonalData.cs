using CollabBot.Core.Bot;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Privacy;

// Everything stored about one person that is linked to them, in every team of the workspace
// they are in (one member row per team). Pulse answers are not linked: they sit under a
// pseudonym no one can tie back without the server's key, so they cannot be exported.
internal static class PersonalData
{
    public static string FileName(DateOnly day) => $"collabbot-my-data-{day:yyyy-MM-dd}.json";

    public static Task<object> CollectAsync(BotContext ctx) =>
        CollectAsync(ctx.Db, ctx.Services, ctx.Me.PlatformUserId, ctx.T, ctx.Now, ctx.Cancellation);

    // db must be scoped to the person's workspace; user is their platform user id.
    public static async Task<object> CollectAsync(CollabDbContext db, IServiceProvider services, string user, Texts t, DateTimeOffset now, CancellationToken ct)
    {
        var memberships = await db.Members.Include(m => m.Team).Where(m => m.PlatformUserId == user).OrderBy(m => m.Id).ToListAsync(ct);
        var ids = memberships.Select(m => m.Id).ToList();
        var teams = memberships.Select(m => m.TeamId).ToList();
        var names = await db.Members.Where(m => teams.Contains(m.TeamId)).ToDictionaryAsync(m => m.Id, m => m.DisplayName, ct);
        var goals = await db.Goals.Where(g => g.OwnerId != null && ids.Contains(g.OwnerId.Value)).OrderBy(g => g.Id)
            .Select(g => new { id = "g" + g.Id, g.Title, g.StartValue, g.Target, g.CurrentValue, g.StartDate, g.DueDate, g.Archived }).ToListAsync(ct);
        var goalIds = db.Goals.Where(g => g.OwnerId != null && ids.Contains(g.OwnerId.Value)).Select(g => g.Id);
        var checkIns = await db.CheckIns.Where(c => goalIds.Contains(c.GoalId)).OrderBy(c => c.At)
            .Select(c => new { goal = "g" + c.GoalId, c.At, c.Value, c.Confidence, c.Blocker }).ToListAsync(ct);
        var given = await db.Kudos.Include(k => k.Receivers).Where(k => ids.Contains(k.GiverId)).OrderBy(k => k.At).ToListAsync(ct);
        var receivedIds = db.KudosReceivers.Where(r => ids.Contains(r.MemberId)).Select(r => r.KudosId);
        var received = await db.Kudos.Where(k => receivedIds.Contains(k.Id)).OrderBy(k => k.At).ToListAsync(ct);
        var handoffs = await db.Handoffs.Where(h => ids.Contains(h.FromId) || ids.Contains(h.ToId)).OrderBy(h => h.At).ToListAsync(ct);
        var handoffIds = handoffs.Select(h => h.Id).ToList();
        var feedback = await db.HandoffFeedback.Where(f => handoffIds.Contains(f.HandoffId)).ToDictionaryAsync(f => f.HandoffId, ct);
        var invitedTo = await db.PulseParticipations.Where(p => ids.Contains(p.MemberId)).Select(p => p.RoundId).ToListAsync(ct);
        // Whether they answered is only in the marks, keyed by the platform user: the bot can
        // tell the person, and nothing in the database can without the key.
        var keys = services.GetRequiredService<Pseudonyms>();
        var marks = invitedTo.Select(r => keys.Mark(r, user)).ToList();
        var answered = await db.PulseAnswerMarks.CountAsync(m => invitedTo.Contains(m.RoundId) && marks.Contains(m.Mark), ct);
        var rounds = invitedTo.Count;
        var notes = await db.OneOnOneNotes.Where(n => ids.Contains(n.MemberId)).OrderBy(n => n.At).ThenBy(n => n.Id).Select(n => new { n.At, n.Text }).ToListAsync(ct);

        return new
        {
            format = "collabbot-my-data/2",
            exportedAt = now,
            memberships = memberships.Select(m => new { team = m.Team?.Name, m.DisplayName, m.Email, m.SalesRole, m.IsManager, m.IsAdmin, m.Locale, m.TimeZone, m.JoinedAt, m.Active }),
            goals,
            checkIns,
            kudosGiven = given.Select(k => new { k.At, k.Value, k.Message, to = k.Receivers.Select(r => names.GetValueOrDefault(r.MemberId)) }),
            kudosReceived = received.Select(k => new { k.At, k.Value, k.Message, from = names.GetValueOrDefault(k.GiverId) }),
            handoffs = handoffs.Select(h => new
            {
                direction = ids.Contains(h.FromId) ? "given" : "received",
                h.At,
                h.Subject,
                h.Note,
                h.RolePair,
                other = names.GetValueOrDefault(ids.Contains(h.FromId) ? h.ToId : h.FromId),
                feedback = feedback.GetValueOrDefault(h.Id) is { } f ? new { f.Quality, f.ItemsPresent, f.ItemsTotal, f.Comment, f.At } : null,
            }),
            oneOnOneNotes = notes,
            pulse = new { roundsInvited = rounds, roundsAnswered = answered, answers = t["export.pulse.note"] },
        };
    }
}
