using System.Net;
using CollabBot.Core;
using CollabBot.Core.Storage;
using CollabBot.Teams;
using CollabBot.Teams.Web;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CollabBot.Tests.Teams;

// The endpoint's gate: who gets in, and that a refused request leaves nothing behind.
public sealed class TeamsAuthEndpointTests
{
    public static TheoryData<string, string?> Refused => new()
    {
        { "no header", null },
        { "basic scheme", "Basic Ym90OnNlY3JldA==" },
        { "not a token", "Bearer not-a-jwt" },
        { "wrong audience", "aud" },
        { "other service url", "serviceurl" },
        { "expired", "exp" },
    };

    private static string? Header(TeamsHost host, string? kind) => kind switch
    {
        "aud" => host.Bearer(claims: c => c["aud"] = "11111111-2222-3333-4444-555555555555"),
        "serviceurl" => host.Bearer("https://evil.example/"),
        "exp" => host.Bearer(claims: c =>
        {
            c["exp"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
            c["nbf"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
            c["iat"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        }),
        _ => kind,
    };

    [Theory, MemberData(nameof(Refused))]
    public async Task Anything_but_a_good_Bot_Framework_token_gets_401_and_nothing_is_stored(string why, string? header)
    {
        await using var host = await TeamsHost.StartAsync();
        var install = host.Command("29:1maya", "help");
        var response = await host.PostAsync(install, Header(host, header));
        Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, why);
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Workspace>().CountAsync()));
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task A_malformed_body_is_400_for_a_genuine_caller_and_401_for_anyone_else()
    {
        await using var host = await TeamsHost.StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostRawAsync("{ not json", host.Bearer())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostRawAsync("[1,2,3]", host.Bearer())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostRawAsync("{ not json", "Bearer forged")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostRawAsync("{ not json", null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await host.PostRawAsync("type=message", host.Bearer(), "application/x-www-form-urlencoded")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostAsync(new System.Text.Json.Nodes.JsonObject { ["type"] = "message", ["serviceUrl"] = host.Connector.ServiceUrl, ["channelId"] = "msteams" })).StatusCode);
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Workspace>().CountAsync()));
    }

    [Fact]
    public async Task Without_an_app_id_the_endpoint_is_off_outside_local_development()
    {
        await using var host = await TeamsHost.StartAsync(s => s["Teams:AppId"] = null);
        var response = await host.PostAsync(host.Command("29:1maya", "help"), authorization: null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Teams:AppId", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("app-id", "Production", "https://0.0.0.0:443", "Signed")]
    [InlineData(null, "Production", "http://127.0.0.1:3978", "Off")]
    [InlineData(null, "Development", "http://127.0.0.1:3978", "LocalDevelopment")]
    [InlineData(null, "Development", "http://localhost:3978;http://[::1]:3979", "LocalDevelopment")]
    [InlineData(null, "Development", "http://0.0.0.0:3978", "Off")]
    [InlineData(null, "Development", "http://127.0.0.1:3978;http://10.0.0.5:3978", "Off")]
    [InlineData(null, "Development", null, "LocalDevelopment")]
    public void Unsigned_requests_are_taken_only_in_development_on_loopback_without_an_app_id(string? appId, string environment, string? urls, string expected)
    {
        var env = new HostingEnvironment { EnvironmentName = environment };
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();
        var gate = TeamsGate.Decide(new TeamsOptions { AppId = appId }, env, config);
        Assert.Equal(expected, gate.Mode.ToString());
        Assert.Equal(expected == "LocalDevelopment", gate.AcceptsUnsigned(new CallerOrigin(IPAddress.Loopback, Local: true, Relayed: false)));
        Assert.False(gate.AcceptsUnsigned(new CallerOrigin(IPAddress.Parse("10.0.0.5"), Local: false, Relayed: false)));
        Assert.False(gate.AcceptsUnsigned(new CallerOrigin(IPAddress.Loopback, Local: false, Relayed: true)));
        Assert.False(gate.AcceptsUnsigned(null));
    }
}
