using System.Net;
using System.Text;
using CollabBot.Host.Jobs;
using CollabBot.Host.Network;
using Microsoft.AspNetCore.Http;

namespace CollabBot.Tests.Host.Jobs;

public sealed class DashboardAccessTests
{
    private static readonly JobsOptions NoLogin = new();
    private static readonly JobsOptions Login = new() { DashboardUser = "ops", DashboardPassword = "s3cret-enough" };

    private static DefaultHttpContext Request(string ip, bool https = false, string? basic = null, params (string Name, string Value)[] headers)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        http.Request.Scheme = https ? "https" : "http";
        if (basic is not null) http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic));
        foreach (var (name, value) in headers) http.Request.Headers[name] = value;
        CallerOrigins.Decide(http);   // as the pipeline does, with no known proxy configured
        return http;
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("203.0.113.9", false)]
    public void Without_a_login_only_this_machine_gets_in(string ip, bool allowed) =>
        Assert.Equal(allowed, DashboardAccess.Allows(Request(ip), NoLogin));

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    [InlineData("Via", "1.1 proxy")]
    [InlineData("X-Forwarded-Host", "evil.example")]
    public void A_relayed_request_is_not_local_whoever_relayed_it(string header, string value) =>
        Assert.False(DashboardAccess.Allows(Request("127.0.0.1", headers: (header, value)), NoLogin));

    [Fact]
    public void With_a_login_the_right_credentials_get_in_over_https_or_from_this_machine()
    {
        Assert.True(DashboardAccess.Allows(Request("203.0.113.9", https: true, basic: "ops:s3cret-enough"), Login));
        Assert.True(DashboardAccess.Allows(Request("127.0.0.1", basic: "ops:s3cret-enough"), Login));
        // Through a known proxy that said https: the forwarded-headers step set the scheme.
        Assert.True(DashboardAccess.Allows(Request("203.0.113.9", https: true, basic: "ops:s3cret-enough"), Login));
    }

    [Fact]
    public void With_a_login_plain_http_from_elsewhere_is_refused_even_with_the_right_password()
    {
        Assert.False(DashboardAccess.Allows(Request("203.0.113.9", basic: "ops:s3cret-enough"), Login));
        Assert.False(DashboardAccess.Allows(Request("127.0.0.1", basic: "ops:s3cret-enough", headers: ("X-Forwarded-For", "203.0.113.9")), Login));
        // A proxy that is not known is not believed about the scheme either.
        Assert.False(DashboardAccess.Allows(Request("127.0.0.1", basic: "ops:s3cret-enough",
            headers: [("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Proto", "https")]), Login));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ops:wrong")]
    [InlineData("other:s3cret-enough")]
    [InlineData("ops")]
    public void Wrong_or_missing_credentials_are_challenged(string? basic)
    {
        var http = Request("203.0.113.9", https: true, basic: basic);
        Assert.False(DashboardAccess.Allows(http, Login));
        Assert.Equal(DashboardAccess.Challenge, http.Response.Headers.WWWAuthenticate.ToString());
    }
}
