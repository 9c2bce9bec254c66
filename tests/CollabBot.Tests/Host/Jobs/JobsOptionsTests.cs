using CollabBot.Host.Jobs;
using Microsoft.Extensions.Configuration;

namespace CollabBot.Tests.Host.Jobs;

public sealed class JobsOptionsTests
{
    private static JobsOptions From(params (string Key, string Value)[] values) => JobsOptions.From(new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Jobs_run_with_four_workers_unless_told_otherwise()
    {
        Assert.Equal((true, 4, false), (From().Enabled, From().WorkerCount, From().HasDashboardCredentials));
        Assert.False(From(("Jobs:Enabled", "false")).Enabled);
        Assert.Equal(2, From(("Jobs:WorkerCount", "2")).WorkerCount);
    }

    [Fact]
    public void A_half_configured_login_or_a_worker_count_out_of_range_fails_at_startup()
    {
        Assert.Throws<InvalidOperationException>(() => From(("Jobs:DashboardUser", "ops")));
        Assert.Throws<InvalidOperationException>(() => From(("Jobs:DashboardPassword", "secret")));
        Assert.Throws<InvalidOperationException>(() => From(("Jobs:WorkerCount", "0")));
        Assert.True(From(("Jobs:DashboardUser", "ops"), ("Jobs:DashboardPassword", "secret")).HasDashboardCredentials);
    }
}
