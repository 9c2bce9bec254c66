using System.Net;
using System.Text;
using CollabBot.Teams.Web;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Network;

// Proxies fail closed, through the real pipeline on a real loopback socket: a request that
// says it was relayed (X-Forwarded-*, Forwarded, X-Real-IP, Via) is not local unless a
// configured known proxy relayed it. /metrics and the Teams local development mode are
// checked here; the dashboard beside the other Hangfire tests (Jobs/DashboardCsrfTests).
public sealed class CallerOriginTests
{
    public static TheoryData<string, string> RelayHeaders => new()
    {
        { "X-Forwarded-For", "203.0.113.9" }, { "Forwarded", "for=203.0.113.9" }, { "X-Real-IP", "203.0.113.9" },
        { "Via", "1.1 edge-proxy" }, { "X-Forwarded-Host", "collab.example" },
    };

    [Theory, MemberData(nameof(RelayHeaders))]
    public async Task Metrics_refuse_a_loopback_request_that_says_it_was_relayed(string header, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = KestrelHost.Start();
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/metrics", ct)).StatusCode);

        using var relayed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        relayed.Headers.TryAddWithoutValidation(header, value);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(relayed, ct)).StatusCode);
    }

    [Fact]
    public async Task Metrics_refuse_even_what_a_known_proxy_relayed_for_this_machine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = KestrelHost.Start(s => s["Network:KnownProxies:0"] = "127.0.0.1");
        using var relayed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        relayed.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.1");
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(relayed, ct)).StatusCode);
    }

    // Teams' local development mode (no app id, Development, loopback) takes unsigned activities
    // from this machine only; an unsigned activity would make the bot POST to the serviceUrl it names.
    private static KestrelHost DevelopmentTeams(FakeConnector connector, string? knownProxy = null) => KestrelHost.Start(s =>
    {
        s["Teams:TokenEndpoint"] = connector.TokenUrl;
        if (knownProxy is not null) s["Network:KnownProxies:0"] = knownProxy;
    }, environment: "Development");

    private static async Task<HttpResponseMessage> UnsignedAsync(KestrelHost host, FakeConnector connector, params (string Name, string Value)[] headers)
    {
        var activity = $$"""
            {"type":"message","id":"a{{Guid.NewGuid():N}}","channelId":"msteams","serviceUrl":"{{connector.ServiceUrl}}",
             "from":{"id":"29:1ana","name":"Ana"},"recipient":{"id":"28:bot","name":"CollabBot"},
             "conversation":{"id":"a:1:ana","conversationType":"personal","tenantId":"t"},"text":"help"}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<TeamsReplySender>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return response;
    }

    [Theory, MemberData(nameof(RelayHeaders))]
    public async Task An_unsigned_teams_activity_relayed_to_loopback_is_refused_and_nothing_is_sent(string header, string value)
    {
        await using var connector = await FakeConnector.StartAsync(requireAuth: false);
        await using var host = DevelopmentTeams(connector);
        Assert.Equal(TeamsMode.LocalDevelopment, host.Services.GetRequiredService<TeamsGate>().Mode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await UnsignedAsync(host, connector, (header, value))).StatusCode);
        Assert.Empty(connector.Of("POST"));

        // The same activity straight from this machine is what local development is for.
        Assert.Equal(HttpStatusCode.OK, (await UnsignedAsync(host, connector)).StatusCode);
        Assert.NotEmpty(connector.Of("POST", "/activities"));
    }

    [Fact]
    public async Task A_known_proxy_is_believed_about_the_caller_it_relays()
    {
        await using var connector = await FakeConnector.StartAsync(requireAuth: false);
        await using var host = DevelopmentTeams(connector, knownProxy: "127.0.0.1");

        // A client elsewhere, through the known proxy: not local. One on this machine: local.
        Assert.Equal(HttpStatusCode.Unauthorized, (await UnsignedAsync(host, connector, ("X-Forwarded-For", "203.0.113.9"))).StatusCode);
        Assert.Empty(connector.Of("POST"));
        Assert.Equal(HttpStatusCode.OK, (await UnsignedAsync(host, connector, ("X-Forwarded-For", "127.0.0.1"))).StatusCode);
        // Headers the forwarded-headers step does not read are never believed, whoever sends them.
        Assert.Equal(HttpStatusCode.Unauthorized, (await UnsignedAsync(host, connector, ("X-Forwarded-For", "127.0.0.1"), ("X-Real-IP", "203.0.113.9"))).StatusCode);
    }

    [Fact]
    public void A_mistyped_proxy_or_network_stops_the_host_at_startup()
    {
        Assert.Contains("10.0.0.0/33", Assert.ThrowsAny<Exception>(() => KestrelHost.Start(s => s["Network:KnownNetworks:0"] = "10.0.0.0/33")).ToString());
        Assert.Contains("proxy.local", Assert.ThrowsAny<Exception>(() => KestrelHost.Start(s => s["Network:KnownProxies:0"] = "proxy.local")).ToString());
    }
}
