using CollabBot.Core.Bot;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Digest;

// The weekly digest of one team: score the week that last ended in the team's zone, then
// post the aggregate to the channel and the manager view to each manager. The keys name the
// snapshot, so a re-run (or a second host) posts nothing twice, and a re-run after a crash
// between scoring and posting posts the stored snapshot rather than scoring again.
internal sealed class DigestJobs(IServiceScopeFactory scopes, TimeProvider time)
{
    public static string ChannelKey(long snapshotId) => $"digest:{snapshotId}:channel";
    public static string ManagerKey(long snapshotId, long memberId) => $"digest:{snapshotId}:manager:{memberId}";

    // The id of the snapshot posted; null when the team is gone.
    public async Task<long?> WeeklyAsync(long teamId, CancellationToken ct = default)
    {
        await using var job = await JobScope.OpenAsync(scopes, time, teamId, ct);
        if (job is null) return null;
        var week = job.Week.Previous();
        var run = await job.Services.GetRequiredService<WeeklyScoringJob>().RunAsync(week, [teamId], ct);
        if (run.Snapshots.FirstOrDefault(s => s.TeamId == teamId) is not { } stored) return null;

        var snapshot = CollabJson.Deserialize<Snapshot>(stored.Json);
        // The chart and the full page, where the host can sign links to them.
        var links = job.Services.GetService<IDigestLinks>()?.For(teamId, stored.Week);
        var focus = await Focus.FocusReports.ForDigestAsync(job.Db, teamId, snapshot, ct);
        var managers = await job.Db.Members.Where(m => m.TeamId == teamId && m.Active && m.IsManager).OrderBy(m => m.Id).ToListAsync(ct);
        // Only digests not queued by an earlier run count as posted (metrics).
        var keys = managers.Select(m => ManagerKey(stored.Id, m.Id)).Append(ChannelKey(stored.Id)).ToList();
        var queued = (await job.Db.Outbox.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var partial = FirstWeek.IsPartial(job.Team, week);
        // Each manager's copy is a direct message: it carries the week's comments, the channel's never.
        var comments = await Comments.DigestComments.LoadAsync(job.Db, job.Team, week, ct);
        Cards.Card Card(Texts t, bool managerView)
        {
            var card = DigestCards.Digest(t, snapshot, managerView, explain: false, weekToDate: false, links, focus, comments: managerView ? comments : null);
            return partial ? FirstWeek.WithNote(card, FirstWeek.Note(t, job.Team, week)) : card;
        }
        await job.ToChannelAsync(ChannelKey(stored.Id), Card(Texts.For(job.Team.Locale), managerView: false));
        foreach (var manager in managers)
            await job.ToMemberAsync(manager, ManagerKey(stored.Id, manager.Id), Card(job.TextsFor(manager), managerView: true));
        await job.Db.SaveChangesAsync(ct);
        CollabMetrics.Posted("channel", queued.Contains(ChannelKey(stored.Id)) ? 0 : 1);
        CollabMetrics.Posted("manager", managers.Count(m => !queued.Contains(ManagerKey(stored.Id, m.Id))));
        return stored.Id;
    }
}
