namespace CollabBot.Host.Jobs;

// The Jobs section: whether this host runs scheduled jobs, with how many workers, and who
// may open the dashboard from elsewhere than this machine.
internal sealed class JobsOptions
{
    public bool Enabled { get; set; } = true;
    // Explicit, because Hangfire's default (5 per core, at least 20) would crowd 2 cores.
    public int WorkerCount { get; set; } = 4;
    public string? DashboardUser { get; set; }
    public string? DashboardPassword { get; set; }

    public bool HasDashboardCredentials => !string.IsNullOrEmpty(DashboardUser) && !string.IsNullOrEmpty(DashboardPassword);

    // A half-configured dashboard login fails at startup rather than leaving the dashboard
    // loopback-only while its owner believes it is reachable with a password.
    public static JobsOptions From(IConfiguration config)
    {
        var options = config.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        if (options.WorkerCount is < 1 or > 64)
            throw new InvalidOperationException("Jobs:WorkerCount must be between 1 and 64.");
        if (string.IsNullOrEmpty(options.DashboardUser) != string.IsNullOrEmpty(options.DashboardPassword))
            throw new InvalidOperationException("Set both Jobs:DashboardUser and Jobs:DashboardPassword, or neither.");
        return options;
    }
}
