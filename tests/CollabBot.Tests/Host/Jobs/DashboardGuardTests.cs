using CollabBot.Host.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabBot.Tests.Host.Jobs;

// The guard in front of Hangfire's dashboard (found by tests/scripts/fuzz.sh against a real
// host: a non-numeric job id and a command without a form were 500s). The dashboard itself
// stays out of host tests (Hangfire's process-wide state), so `next` stands in for it here,
// failing the way it does.
public sealed class DashboardGuardTests
{
    private static DefaultHttpContext Request(string method, string path, string? contentType = null)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider() };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.ContentType = contentType;
        return http;
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task Methods_the_dashboard_does_not_use_get_405_without_reaching_it(string method)
    {
        var http = Request(method, "/hangfire/stats");
        var reached = false;
        await DashboardGuard.InvokeAsync(http, _ => { reached = true; return Task.CompletedTask; });
        Assert.Equal(405, http.Response.StatusCode);
        Assert.False(reached);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_command_without_a_form_gets_415_without_reaching_the_dashboard(string? contentType)
    {
        var http = Request("POST", "/hangfire/jobs/enqueued/delete", contentType);
        var reached = false;
        await DashboardGuard.InvokeAsync(http, _ => { reached = true; return Task.CompletedTask; });
        Assert.Equal(415, http.Response.StatusCode);
        Assert.False(reached);
    }

    [Fact]
    public async Task A_job_id_the_storage_cannot_parse_is_a_400_not_a_500()
    {
        var http = Request("GET", "/hangfire/jobs/details/abc");
        await DashboardGuard.InvokeAsync(http, _ => throw new FormatException("The input string 'abc' was not in a correct format."));
        Assert.Equal(400, http.Response.StatusCode);
    }

    [Fact]
    public async Task A_get_to_a_route_that_reads_a_form_is_a_400_not_a_500()
    {
        var http = Request("GET", "/hangfire/stats");
        await DashboardGuard.InvokeAsync(http, async h => await h.Request.ReadFormAsync());
        Assert.Equal(400, http.Response.StatusCode);
    }

    [Fact]
    public async Task Good_requests_pass_through_and_other_failures_are_not_hidden()
    {
        var http = Request("POST", "/hangfire/jobs/enqueued/delete", "application/x-www-form-urlencoded");
        var reached = false;
        await DashboardGuard.InvokeAsync(http, _ => { reached = true; return Task.CompletedTask; });
        Assert.True(reached);
        await Assert.ThrowsAsync<TimeoutException>(() => DashboardGuard.InvokeAsync(Request("GET", "/hangfire"), _ => throw new TimeoutException()));
    }
}
