using System.Net;
using CollabBot.Host.Network;
using CollabBot.Host.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CollabBot.Tests.Host.Telemetry;

public sealed class MetricsAccessTests
{
    private static MetricsOptions Options(params string[] allowFrom) => MetricsOptions.From(new ConfigurationBuilder()
        .AddInMemoryCollection(allowFrom.Select((a, i) => new KeyValuePair<string, string?>($"Metrics:AllowFrom:{i}", a))).Build());

    private static DefaultHttpContext Request(string? ip, params (string Name, string Value)[] headers)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = ip is null ? null : IPAddress.Parse(ip);
        foreach (var (name, value) in headers) http.Request.Headers[name] = value;
        CallerOrigins.Decide(http);   // as the pipeline does, with no known proxy configured
        return http;
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("203.0.113.9", false)]
    [InlineData(null, false)]
    public void By_default_only_this_machine_may_scrape(string? ip, bool allowed) =>
        Assert.Equal(allowed, MetricsSetup.Allows(Request(ip), Options()));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.200.0.1", true)]
    [InlineData("192.168.5.7", true)]
    [InlineData("192.168.5.8", false)]
    [InlineData("11.0.0.1", false)]
    public void Named_networks_and_addresses_may_scrape_too(string ip, bool allowed) =>
        Assert.Equal(allowed, MetricsSetup.Allows(Request(ip), Options("10.0.0.0/8", "192.168.5.7")));

    [Fact]
    public void A_request_relayed_by_a_proxy_is_refused_whatever_its_address()
    {
        var options = Options("10.0.0.0/8");
        Assert.False(MetricsSetup.Allows(Request("127.0.0.1", ("X-Forwarded-For", "203.0.113.9")), options));
        Assert.False(MetricsSetup.Allows(Request("10.0.0.2", ("Forwarded", "for=203.0.113.9")), options));
        Assert.False(MetricsSetup.Allows(Request("127.0.0.1", ("X-Real-IP", "203.0.113.9")), options));
        Assert.False(MetricsSetup.Allows(Request("127.0.0.1", ("Via", "1.1 edge")), options));
    }

    [Fact]
    public void A_mistyped_network_stops_the_host_at_startup() =>
        Assert.Contains("10.0.0.0/33", Assert.Throws<InvalidOperationException>(() => Options("10.0.0.0/33")).Message);
}
