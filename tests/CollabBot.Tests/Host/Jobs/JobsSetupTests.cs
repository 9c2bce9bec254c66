using System.Net;
using CollabBot.Core.Features.Admin;
using CollabBot.Host.Jobs;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Jobs;

public sealed class JobsSetupTests
{
    // The setting every host test uses: no Hangfire at all, so none of its process-wide state
    // is touched, and nothing answers at the dashboard's path.
    [Fact]
    public async Task With_jobs_off_the_host_has_no_dashboard_and_schedules_nothing()
    {
        using var factory = new CollabBotFactory();
        using var client = factory.CreateClient();
        var response = await client.GetAsync(JobsSetup.DashboardPath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.IsType<NoTeamScheduler>(factory.Services.GetRequiredService<ITeamScheduler>());
        Assert.False(factory.Services.GetRequiredService<JobsOptions>().Enabled);
    }
}
