namespace CollabBot.Core.Features.Admin;

// Makes a job server's recurring jobs match what TeamSchedule says. The core decides what
// runs; the host's Hangfire implementation makes it so, and tests record the calls. Both
// calls are idempotent: the daily sync repeats them for every team.
internal interface ITeamScheduler
{
    // Adds or replaces the team's jobs; any of its job ids not in `jobs` is removed.
    Task ApplyAsync(long teamId, IReadOnlyList<ScheduledJob> jobs, CancellationToken ct = default);

    Task RemoveAsync(long teamId, CancellationToken ct = default);
}

// For processes that run no jobs: the CLI, and the host with Jobs:Enabled=false.
internal sealed class NoTeamScheduler : ITeamScheduler
{
    public Task ApplyAsync(long teamId, IReadOnlyList<ScheduledJob> jobs, CancellationToken ct = default) => Task.CompletedTask;
    public Task RemoveAsync(long teamId, CancellationToken ct = default) => Task.CompletedTask;
}
