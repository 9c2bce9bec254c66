using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CollabBot.Host.Jobs;
using CollabBot.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Jobs;

// The dashboard through the real pipeline, with Hangfire on, on a real loopback socket (who is
// local is decided by the socket). A POST needs the antiforgery token the dashboard's own pages
// carry, so a page on another site cannot make the operator's browser trigger a job; and a
// relayed request is not local. Hangfire's state is process-wide: these run alone.
[Collection(nameof(HangfireScheduleTests))]
public sealed partial class DashboardCsrfTests
{
    private const string Job = JobsSetup.RetentionJobId;

    private static KestrelHost Start(bool login)
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        return KestrelHost.Start(s =>
        {
            s["Jobs:Enabled"] = "true";
            s["Jobs:WorkerCount"] = "1";
            s["Slack:SigningSecret"] = SlackHost.Secret;
            if (!login) return;
            s["Jobs:DashboardUser"] = "ops";
            s["Jobs:DashboardPassword"] = "s3cret-enough";
        });
    }

    private const string Basic = "Basic b3BzOnMzY3JldC1lbm91Z2g=";   // ops:s3cret-enough

    // What a browser does on the dashboard: load a page (it gets the cookie and the token in a
    // meta tag), then hangfire.js sends the token as a header with the cookie on every POST.
    private static async Task<(string Cookie, string Header, string Token)> OpenAsync(KestrelHost host, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var page = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(JobsSetup.AntiforgeryCookie + "=", StringComparison.Ordinal));
        return (cookie.Split(';')[0], Meta(html, "csrf-header"), Meta(html, "csrf-token"));
    }

    private static string Meta(string html, string name) =>
        WebUtility.HtmlDecode(MetaTag().Matches(html).Single(m => m.Groups["name"].Value == name).Groups["content"].Value);

    private static Task<HttpResponseMessage> TriggerAsync(KestrelHost host, string? authorization = null, string? cookie = null, (string Name, string Value)? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new StringContent("jobs%5B%5D=" + Job, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        // A cross-site form post: the browser names the other site and adds what it holds for this one.
        request.Headers.TryAddWithoutValidation("Origin", "https://attacker.example");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (cookie is not null) request.Headers.TryAddWithoutValidation("Cookie", cookie);
        if (token is { } t) request.Headers.TryAddWithoutValidation(t.Name, t.Value);
        return host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string? LastRun(KestrelHost host)
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Single(j => j.Id == Job).LastJobId;
    }

    [Fact]
    public async Task A_cross_site_post_triggers_nothing_and_the_dashboard_s_own_post_still_works()
    {
        await using var host = Start(login: false);
        Assert.Equal(HttpStatusCode.Forbidden, (await TriggerAsync(host)).StatusCode);
        Assert.Null(LastRun(host));

        var (cookie, header, token) = await OpenAsync(host, null);
        // The cookie alone (a browser sends it along) is not enough, nor a token from nowhere.
        Assert.Equal(HttpStatusCode.Forbidden, (await TriggerAsync(host, cookie: cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TriggerAsync(host, cookie: cookie, token: (header, "forged"))).StatusCode);
        Assert.Null(LastRun(host));

        Assert.Equal(HttpStatusCode.NoContent, (await TriggerAsync(host, cookie: cookie, token: (header, token))).StatusCode);
        Assert.NotNull(LastRun(host));
    }

    [Fact]
    public async Task With_a_login_the_right_password_alone_does_not_make_a_post_count()
    {
        await using var host = Start(login: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await TriggerAsync(host, Basic)).StatusCode);
        Assert.Null(LastRun(host));

        var (cookie, header, token) = await OpenAsync(host, Basic);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TriggerAsync(host, cookie: cookie, token: (header, token))).StatusCode);
        Assert.Null(LastRun(host));
        Assert.Equal(HttpStatusCode.NoContent, (await TriggerAsync(host, Basic, cookie, (header, token))).StatusCode);
        Assert.NotNull(LastRun(host));
    }

    // The antiforgery check is the dashboard's own: a signed Slack POST needs no token.
    [Fact]
    public async Task Other_posts_are_not_asked_for_an_antiforgery_token()
    {
        await using var host = Start(login: false);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string body = "ssl_check=1&token=unused";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", CollabBot.Slack.Wire.SlackSignature.Sign(SlackHost.Secret, ts, Encoding.UTF8.GetBytes(body)));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_relayed_request_is_not_local_to_the_dashboard()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = Start(login: false);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/hangfire", ct)).StatusCode);
        foreach (var (name, value) in new[] { ("X-Real-IP", "203.0.113.9"), ("Via", "1.1 edge-proxy"), ("X-Forwarded-For", "203.0.113.9"), ("Forwarded", "for=203.0.113.9") })
        {
            using var relayed = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
            relayed.Headers.TryAddWithoutValidation(name, value);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(relayed, ct)).StatusCode);
        }
    }

    [GeneratedRegex("""<meta\s+name="(?<name>[^"]+)"\s+content="(?<content>[^"]*)"\s*/?>""")]
    private static partial Regex MetaTag();
}
