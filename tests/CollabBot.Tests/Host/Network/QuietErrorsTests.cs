using System.Net;
using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Network;

// In Development ASP.NET Core's developer exception page answers every unhandled exception,
// and it prints the request's headers. The host answers in its place with a plain 500.
public sealed class QuietErrorsTests
{
    public const string FailingPath = "/test-failure";

    // A route that fails, behind everything the host maps (reached only when nothing else answers).
    private sealed class Failing : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(http => http.Request.Path == FailingPath ? throw new InvalidOperationException("test failure") : Task.CompletedTask);
        };
    }

    [Fact]
    public async Task A_failure_in_development_never_echoes_the_request_headers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = KestrelHost.Start(environment: "Development", configure: b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, Failing>()));
        using var request = new HttpRequestMessage(HttpMethod.Get, FailingPath);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer secret-token-4711");
        request.Headers.TryAddWithoutValidation("X-Slack-Signature", "v0=secret-signature-4712");
        request.Headers.TryAddWithoutValidation("Cookie", "session=secret-cookie-4713");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");

        var response = await host.Client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret-token-4711", body);
        Assert.DoesNotContain("secret-signature-4712", body);
        Assert.DoesNotContain("secret-cookie-4713", body);
        Assert.Contains("InvalidOperationException", body);
    }
}
