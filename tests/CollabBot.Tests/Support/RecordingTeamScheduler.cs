using System.Collections.Concurrent;
using CollabBot.Core.Features.Admin;

namespace CollabBot.Tests.Support;

// The scheduler tests use: it keeps every call, and the jobs each team has now, so a test
// can see what install, settings and uninstall asked for without a job server.
internal sealed class RecordingTeamScheduler : ITeamScheduler
{
    private readonly ConcurrentQueue<(string Call, long TeamId)> _calls = new();
    private readonly ConcurrentDictionary<long, IReadOnlyList<ScheduledJob>> _jobs = new();

    // Set to make every call fail, as a job store that is down would.
    public bool Failing { get; set; }

    public IReadOnlyList<(string Call, long TeamId)> Calls => _calls.ToList();

    public IReadOnlyList<ScheduledJob> JobsOf(long teamId) => _jobs.GetValueOrDefault(teamId) ?? [];

    public Task ApplyAsync(long teamId, IReadOnlyList<ScheduledJob> jobs, CancellationToken ct = default)
    {
        if (Failing) throw new InvalidOperationException("job store unavailable");
        _calls.Enqueue(("apply", teamId));
        _jobs[teamId] = jobs;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(long teamId, CancellationToken ct = default)
    {
        if (Failing) throw new InvalidOperationException("job store unavailable");
        _calls.Enqueue(("remove", teamId));
        _jobs.TryRemove(teamId, out _);
        return Task.CompletedTask;
    }
}
