using CollabBot.Core.Features.Admin;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using Hangfire;
using Hangfire.Common;

namespace CollabBot.Host.Jobs;

// Team schedules as Hangfire recurring jobs. Each job names a Core job method and the team
// id; Hangfire resolves the job class from the container when it runs.
internal sealed class HangfireTeamScheduler(IRecurringJobManager jobs) : ITeamScheduler
{
    public Task ApplyAsync(long teamId, IReadOnlyList<ScheduledJob> schedule, CancellationToken ct = default)
    {
        foreach (var job in schedule) jobs.AddOrUpdate(job.Id, Call(job), job.Cron, Options(job.TimeZone));
        foreach (var id in TeamSchedule.JobIds(teamId).Except(schedule.Select(j => j.Id))) jobs.RemoveIfExists(id);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(long teamId, CancellationToken ct = default)
    {
        foreach (var id in TeamSchedule.JobIds(teamId)) jobs.RemoveIfExists(id);
        return Task.CompletedTask;
    }

    // Cron read in the team's zone, so 15:00 stays 15:00 local across DST. Relaxed misfire:
    // a host that was down over a due time runs the job once when it is back, not once per
    // missed occurrence (every job also checks its own state, so once is enough).
    public static RecurringJobOptions Options(string zone) =>
        new() { TimeZone = Zones.Find(zone), MisfireHandling = MisfireHandlingMode.Relaxed };

    // The token is a placeholder: Hangfire passes the job's own cancellation token.
    public static Job Call(ScheduledJob job)
    {
        var team = job.TeamId;
        return job.Kind switch
        {
            TeamJobKind.PulseSend => Job.FromExpression<PulseJobs>(j => j.SendAsync(team, CancellationToken.None)),
            TeamJobKind.PulseRemind => Job.FromExpression<PulseJobs>(j => j.RemindAsync(team, CancellationToken.None)),
            TeamJobKind.PulseClose => Job.FromExpression<PulseJobs>(j => j.CloseAsync(team, CancellationToken.None)),
            TeamJobKind.CheckInPrompt => Job.FromExpression<CheckInJobs>(j => j.PromptAsync(team, CancellationToken.None)),
            TeamJobKind.HandoffReminders => Job.FromExpression<HandoffJobs>(j => j.RemindUnratedAsync(team, CancellationToken.None)),
            TeamJobKind.WeeklyDigest => Job.FromExpression<DigestJobs>(j => j.WeeklyAsync(team, CancellationToken.None)),
            _ => throw new ArgumentOutOfRangeException(nameof(job), job.Kind, "no job method for this kind"),
        };
    }
}
