using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Handoffs;

// What a handoff is besides its two people; typed ones have no CRM fields.
internal sealed record HandoffDraft(string Subject, string? Note, string? Source = null, string? ExternalId = null, string? Url = null, string? Stage = null);

// Records a handoff and queues the receiver's rating card in one transaction, whoever asked:
// a typed `handoff`, or a CRM. The role pair is the two members' sales roles at that moment.
internal static class HandoffRecorder
{
    public static string ReceivedKey(long handoffId) => $"handoff:{handoffId}:received";

    // Null when the CRM already sent this record for this receiver (the unique index said so).
    public static async Task<Handoff?> RecordAsync(CollabDbContext db, Team team, Member from, Member to, HandoffDraft draft,
        DateTimeOffset now, CancellationToken ct)
    {
        var handoff = new Handoff
        {
            WorkspaceId = team.WorkspaceId,
            TeamId = team.Id,
            FromId = from.Id,
            ToId = to.Id,
            Subject = draft.Subject,
            Note = draft.Note,
            RolePair = SalesRoles.Pair(from, to),
            At = now,
            Source = draft.Source,
            ExternalId = draft.ExternalId,
            Url = draft.Url,
            Stage = draft.Stage,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(handoff);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (draft.ExternalId is not null)
        {
            db.Entry(handoff).State = EntityState.Detached;
            return null;
        }
        var t = Texts.For(to.Locale, team.Locale, team.Workspace?.DefaultLocale);
        await db.QueueAsync(team.WorkspaceId, ReceivedKey(handoff.Id), OutboxTarget.Member, to.PlatformUserId,
            HandoffCards.Received(t, handoff.Id, team.Id, from.DisplayName, handoff.Subject, handoff.Note, handoff.RolePair, handoff.Stage, handoff.Url),
            now, null, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return handoff;
    }
}
