using System.Diagnostics;
using CollabBot.Core.Telemetry;
using Hangfire.Server;

namespace CollabBot.Host.Jobs;

// Times every job a Hangfire server performs (collabbot.job.duration). The job label is the
// class and method ("PulseJobs.SendAsync"), never its arguments: team ids would make one
// series per team.
internal sealed class JobMetricsFilter : IServerFilter
{
    private const string Started = "collabbot.started";

    public void OnPerforming(PerformingContext context) => context.Items[Started] = Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(Started, out var started) || started is not long at) return;
        var job = context.BackgroundJob.Job;
        var name = job is null ? "unknown" : $"{job.Type.Name}.{job.Method.Name}";
        CollabMetrics.JobRan(name, context.Exception is null || context.ExceptionHandled, Stopwatch.GetElapsedTime(at));
    }
}
