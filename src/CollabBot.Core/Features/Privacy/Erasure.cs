using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Privacy;

internal sealed record ErasureCounts(int Goals, int CheckIns, int KudosGiven, int Handoffs, int Ratings);

// `forget me`: deletes what the person wrote (goals, check-ins, kudos given, handoffs made,
// ratings given, 1:1 talking points), anonymises their member rows — email included, with
// the CRM log lines naming it — (teammates' own records — kudos they gave, handoffs they made
// — still point at them, now as "former member"), and removes the name from published
// digests. A person is one member row per team
// they are in: every team of the workspace is covered, whichever one they asked from. Kept:
// anonymous pulse answers (never linked) and the digests' aggregate figures.
internal static class Erasure
{
    public const string FormerMember = "former member";

    public static async Task<ErasureCounts> EraseAsync(BotContext ctx)
    {
        var db = ctx.Db;
        var ct = ctx.Cancellation;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var memberships = await db.Members.Include(m => m.Team).Where(m => m.PlatformUserId == ctx.Me.PlatformUserId).ToListAsync(ct);
        var ids = memberships.Select(m => m.Id).ToList();

        var goalIds = db.Goals.Where(g => g.OwnerId != null && ids.Contains(g.OwnerId.Value)).Select(g => g.Id);
        var checkIns = await db.CheckIns.Where(c => goalIds.Contains(c.GoalId)).ExecuteDeleteAsync(ct);
        await db.Goals.Where(g => g.ParentGoalId != null && goalIds.Contains(g.ParentGoalId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ParentGoalId, (long?)null), ct);
        var goals = await db.Goals.Where(g => g.OwnerId != null && ids.Contains(g.OwnerId.Value)).ExecuteDeleteAsync(ct);

        var givenIds = db.Kudos.Where(k => ids.Contains(k.GiverId)).Select(k => k.Id);
        await db.KudosReceivers.Where(r => givenIds.Contains(r.KudosId)).ExecuteDeleteAsync(ct);
        var given = await db.Kudos.Where(k => ids.Contains(k.GiverId)).ExecuteDeleteAsync(ct);

        var madeIds = db.Handoffs.Where(h => ids.Contains(h.FromId)).Select(h => h.Id);
        var receivedIds = db.Handoffs.Where(h => ids.Contains(h.ToId)).Select(h => h.Id);
        await db.HandoffFeedback.Where(f => madeIds.Contains(f.HandoffId)).ExecuteDeleteAsync(ct);
        var ratings = await db.HandoffFeedback.Where(f => receivedIds.Contains(f.HandoffId)).ExecuteDeleteAsync(ct);
        var handoffs = await db.Handoffs.Where(h => ids.Contains(h.FromId)).ExecuteDeleteAsync(ct);

        await db.OneOnOneNotes.Where(n => ids.Contains(n.MemberId)).ExecuteDeleteAsync(ct);
        // Their comments stay, anonymous; the sealed ways back to them go.
        await Comments.CommentThreads.EraseRoutesAsync(db, ctx.Services.GetRequiredService<Pulse.Pseudonyms>(), ctx.Me.PlatformUserId, ct);
        // So do the thread messages addressed to them, sent or not: each holds a token that, with
        // the key, names the comment it is about.
        await db.Outbox.Where(m => m.Target == ctx.Me.PlatformUserId && m.TargetKind == OutboxTarget.Member && m.IdempotencyKey.StartsWith(Comments.CommentAnswers.Prefix))
            .ExecuteDeleteAsync(ct);
        // Pulse: the marks stay (they name nobody without the key, and keep a rejoined person to
        // one answer a round); so do the invitations, which now point at the anonymised member
        // row and keep past rounds' participation as it was published.
        // The CRM log names an email only where it matched nobody; a person's own goes with them.
        foreach (var email in memberships.Select(m => m.Email).OfType<string>().Distinct())
            await db.Set<CrmEvent>().Where(e => e.Detail != null && e.Detail.Contains(email)).ExecuteDeleteAsync(ct);
        await db.Outbox.Where(m => m.Target == ctx.Me.PlatformUserId && m.TargetKind == OutboxTarget.Member && m.Status != OutboxStatus.Sent)
            .ExecuteDeleteAsync(ct);
        foreach (var me in memberships)
        {
            // The one change ever made to a stored digest: the erased member's name leaves it.
            var name = me.DisplayName;
            foreach (var snapshot in await db.DigestSnapshots.Where(s => s.TeamId == me.TeamId && s.Json.Contains(name)).AsNoTracking().ToListAsync(ct))
            {
                var redacted = SnapshotRedaction.Redact(snapshot.Json, name, FormerMember);
                await db.DigestSnapshots.Where(s => s.Id == snapshot.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Json, redacted), ct);
            }
            (me.DisplayName, me.PlatformUserId, me.SalesRole, me.Locale, me.TimeZone) = (FormerMember, $"erased:{me.Id}", null, null, null);
            (me.Email, me.SalesRoleFromTitle) = (null, false);
            (me.Active, me.LeftAt, me.IsManager, me.IsAdmin) = (false, Zones.DayStart(ctx.Now, me.Team?.TimeZone ?? "UTC"), false, false);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ErasureCounts(goals, checkIns, given, handoffs, ratings);
    }
}
