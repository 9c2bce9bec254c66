using CollabBot.Core.Bot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Handoffs;

// A receiver who has not rated a handoff a day later gets one reminder. The job runs hourly.
internal sealed class HandoffJobs(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan RemindAfter = TimeSpan.FromHours(24);

    // Older handoffs are left alone: after an outage of days, a stack of reminders about last
    // month's accounts would be noise, not feedback.
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(7);

    public static string ReminderKey(long handoffId) => $"handoff:{handoffId}:remind";

    public async Task<int> RemindUnratedAsync(long teamId, CancellationToken ct = default)
    {
        await using var job = await JobScope.OpenAsync(scopes, time, teamId, ct);
        if (job is null) return 0;
        var (db, dueBy, oldest) = (job.Db, job.Now - RemindAfter, job.Now - GiveUpAfter);
        var due = await db.Handoffs
            .Where(h => h.TeamId == teamId && h.RemindedAt == null && h.At <= dueBy && h.At > oldest && !db.HandoffFeedback.Any(f => f.HandoffId == h.Id))
            .OrderBy(h => h.Id).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var people = due.SelectMany(h => new[] { h.FromId, h.ToId }).Distinct().ToList();
        var members = await db.Members.Where(m => people.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);

        var sent = 0;
        foreach (var h in due)
        {
            // A receiver who left the team cannot rate it any more; nothing to remind.
            if (members.GetValueOrDefault(h.ToId) is not { Active: true } receiver) continue;
            var from = members.GetValueOrDefault(h.FromId)?.DisplayName ?? "?";
            h.RemindedAt = job.Now;
            await job.ToMemberAsync(receiver, ReminderKey(h.Id), HandoffCards.Reminder(job.TextsFor(receiver), h.Id, teamId, from, h.Subject));
            sent++;
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}
