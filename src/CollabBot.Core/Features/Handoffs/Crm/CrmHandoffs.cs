using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Features.Handoffs.Crm;

// A verified CRM handoff becomes a handoff like a typed one: both people found by email (the
// stored profile email, else the chat platform's directory), in a team they share, with the
// role pair from their sales roles, and the receiver gets the same rating card. It is
// recorded once per (record, receiver); anything that cannot be matched is recorded nowhere
// but in the workspace's CRM log, with the reason.
internal sealed class CrmHandoffs(CollabDbContext db, IEnumerable<IEmailDirectory> directories, TimeProvider time, ILogger<CrmHandoffs> log)
{
    // A deployment with many workspaces asks at most this many directories about one email.
    private const int MaxWorkspacesAsked = 20;

    private sealed record Found(Member Member, string Email);

    public async Task<CrmOutcome> ReceiveAsync(CrmHandoffRequest r, CancellationToken ct)
    {
        var (from, to) = (SalesRoles.NormalizeEmail(r.From)!, SalesRoles.NormalizeEmail(r.To)!);
        var found = await FindAsync([from, to], ct);
        if (Shared(found, from, to) is null)
        {
            if (await AskDirectoriesAsync(found, from, to, ct) is { } unavailable) return new CrmOutcome(CrmStatus.Unavailable, "directory-unavailable", unavailable);
            found = await FindAsync([from, to], ct);
        }
        if (Shared(found, from, to) is not ({ } giver, { } receiver))
        {
            var unknown = new[] { from, to }.Where(e => found.All(f => f.Email != e)).ToList();
            var outcome = unknown.Count > 0 ? new CrmOutcome(CrmStatus.Unmatched, "unknown-email", string.Join(", ", unknown))
                : new CrmOutcome(CrmStatus.Unmatched, "no-shared-team", $"{from} and {to}");
            var workspace = found.OrderBy(f => f.Email == to ? 0 : 1).Select(f => (long?)f.Member.WorkspaceId).FirstOrDefault() ?? await OnlyWorkspaceAsync(ct);
            if (workspace is { } ws) await LogAsync(ws, r, outcome, ct);
            log.CrmHandoffUnmatched(r.Source, outcome.Reason);
            return outcome;
        }

        db.ForWorkspace(receiver.WorkspaceId);
        var externalId = r.ExternalId.Trim();
        var handoff = await db.Handoffs.AnyAsync(h => h.ToId == receiver.Id && h.ExternalId == externalId, ct) ? null
            : await HandoffRecorder.RecordAsync(db, receiver.Team!, giver, receiver,
                new HandoffDraft(r.Subject.Trim(), null, r.Source, externalId, r.Url, r.Stage?.Trim()), time.GetUtcNow(), ct);
        var result = handoff is null ? new CrmOutcome(CrmStatus.Duplicate, "duplicate") : new CrmOutcome(CrmStatus.Recorded, HandoffId: handoff.Id);
        await LogAsync(receiver.WorkspaceId, r, result, ct);
        log.CrmHandoffDone(r.Source, result.Status);
        return result;
    }

    // Members in active teams of active workspaces whose stored email is one of these. A person
    // is one member row per team, and the email may be stored on only one of them: every row
    // of the same platform user in the workspace counts.
    private async Task<List<Found>> FindAsync(List<string> emails, CancellationToken ct)
    {
        var owners = await db.Unscoped<Member>().Where(m => m.Email != null && emails.Contains(m.Email))
            .Select(m => new { m.WorkspaceId, m.PlatformUserId, Email = m.Email! }).Distinct().ToListAsync(ct);
        if (owners.Count == 0) return [];
        var users = owners.Select(o => o.PlatformUserId).Distinct().ToList();
        var spaces = owners.Select(o => o.WorkspaceId).Distinct().ToList();
        var rows = await db.Unscoped<Member>().Include(m => m.Team!).ThenInclude(t => t.Workspace)
            .Where(m => users.Contains(m.PlatformUserId) && spaces.Contains(m.WorkspaceId) && m.Active && m.Team!.Active && m.Team.Workspace!.Active)
            .OrderBy(m => m.Id).ToListAsync(ct);
        return rows.SelectMany(m => owners.Where(o => o.WorkspaceId == m.WorkspaceId && o.PlatformUserId == m.PlatformUserId)
            .Select(o => new Found(m, o.Email))).ToList();
    }

    // The team both are in; of several, the oldest, so the same two people always land in the same one.
    private static (Member Giver, Member Receiver)? Shared(List<Found> found, string from, string to) =>
        found.Where(f => f.Email == to)
            .Select(t => (Giver: found.FirstOrDefault(f => f.Email == from && f.Member.TeamId == t.Member.TeamId)?.Member, Receiver: t.Member))
            .Where(p => p.Giver is not null && p.Giver.Id != p.Receiver.Id)
            .OrderBy(p => p.Receiver.TeamId)
            .Select(p => ((Member, Member)?)(p.Giver!, p.Receiver)).FirstOrDefault();

    // Asks the platforms of the workspaces already involved (or, when neither email is known
    // anywhere, of every active workspace) for the emails they lack, and stores what they say
    // on the members' rows. Returns why a platform could not answer, if one could not.
    private async Task<string?> AskDirectoriesAsync(List<Found> found, string from, string to, CancellationToken ct)
    {
        var involved = found.Select(f => f.Member.WorkspaceId).Distinct().ToList();
        var workspaces = await db.Unscoped<Workspace>().Where(w => w.Active && (involved.Count == 0 || involved.Contains(w.Id)))
            .OrderBy(w => w.Id).Take(MaxWorkspacesAsked).AsNoTracking().ToListAsync(ct);
        foreach (var ws in workspaces)
        {
            if (directories.FirstOrDefault(d => d.Platform == ws.Platform) is not { } directory) continue;
            foreach (var email in new[] { from, to }.Where(e => !found.Any(f => f.Email == e && f.Member.WorkspaceId == ws.Id)))
            {
                var answer = await directory.FindAsync(ws, email, ct);
                if (answer.Unavailable is { } why) return why;
                if (answer.UserIds.Count == 0) continue;
                var ids = answer.UserIds.ToList();
                await db.Unscoped<Member>().Where(m => m.WorkspaceId == ws.Id && ids.Contains(m.PlatformUserId))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Email, email), ct);
            }
        }
        return null;
    }

    // With one workspace in the deployment, a call that matched nobody still belongs to it.
    private async Task<long?> OnlyWorkspaceAsync(CancellationToken ct)
    {
        var ids = await db.Unscoped<Workspace>().Where(w => w.Active).Select(w => w.Id).Take(2).ToListAsync(ct);
        return ids.Count == 1 ? ids[0] : null;
    }

    private async Task LogAsync(long workspaceId, CrmHandoffRequest r, CrmOutcome outcome, CancellationToken ct)
    {
        db.ForWorkspace(workspaceId);
        var now = time.GetUtcNow();
        var old = now - CrmEvent.KeepFor;
        await db.Set<CrmEvent>().Where(e => e.At < old).ExecuteDeleteAsync(ct);
        db.Add(new CrmEvent
        {
            WorkspaceId = workspaceId,
            Source = r.Source,
            ExternalId = r.ExternalId.Trim(),
            Status = outcome.Status.ToString().ToLowerInvariant(),
            Reason = outcome.Reason,
            Detail = outcome.Detail,
            HandoffId = outcome.HandoffId,
            At = now,
        });
        await db.SaveChangesAsync(ct);
    }
}
