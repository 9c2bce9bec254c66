using CollabBot.Teams.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using F = CollabBot.Tests.Support.FakeBotFrameworkIdentity;

namespace CollabBot.Tests.Teams;

public sealed class BotFrameworkAuthTests
{
    // What one inbound activity presents: its Authorization header, channelId and serviceUrl.
    private sealed record Attempt(string? Header, string? ChannelId = F.ChannelId, string? ServiceUrl = F.ServiceUrl);

    private const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    private static readonly Dictionary<string, (Func<BotFrameworkAuthHarness, Attempt> Make, string Failure)> Rejected = new()
    {
        ["no header"] = (_ => new(null), "missing authorization header"),
        ["empty header"] = (_ => new(""), "missing authorization header"),
        ["Basic scheme"] = (_ => new("Basic " + Convert.ToBase64String("app:secret"u8)), "not a bearer token"),
        ["Bearer without a token"] = (_ => new("Bearer"), "not a bearer token"),
        ["Bearer and a space"] = (_ => new("Bearer "), "not a bearer token"),
        ["token without a scheme"] = (h => new(h.Bearer()["Bearer ".Length..]), "not a bearer token"),
        ["two spaces after Bearer"] = (h => new(h.Bearer().Replace("Bearer ", "Bearer  ")), "not a bearer token"),
        ["trailing junk after the token"] = (h => new(h.Bearer() + " extra"), "not a bearer token"),
        ["Bearer with garbage"] = (_ => new("Bearer not-a-jwt"), "malformed token"),
        ["Bearer with three garbage parts"] = (_ => new("Bearer a.b.c"), "malformed token"),
        ["HS256 with a shared secret"] = (h => new(h.Bearer(alg: "HS256")), "algorithm not allowed"),
        ["alg none, unsigned"] = (h => new(h.Bearer(alg: "none")), "algorithm not allowed"),
        ["PS256, a real RSA signature by an endorsed key"] = (h => new(h.Bearer(alg: "PS256")), "algorithm not allowed"),
        ["expired 6 min ago"] = (h => new(h.Identity.Bearer(now: h.Now.AddMinutes(-66))), "token expired"),
        ["not valid for 6 more min"] = (h => new(h.Identity.Bearer(now: h.Now.AddMinutes(6))), "token not yet valid"),
        ["no exp"] = (h => new(h.Bearer(c => c.Remove("exp"))), "token has no expiry"),
        ["exp not a number"] = (h => new(h.Bearer(c => c["exp"] = "tomorrow")), "malformed token"),
        ["emulator issuer"] = (h => new(h.Bearer(c => c["iss"] = EmulatorIssuer)), "wrong issuer"),
        ["issuer with a trailing slash"] = (h => new(h.Bearer(c => c["iss"] = F.Issuer + "/")), "wrong issuer"),
        ["no issuer"] = (h => new(h.Bearer(c => c.Remove("iss"))), "wrong issuer"),
        ["another app's audience"] = (h => new(h.Bearer(c => c["aud"] = "0e0e0e0e-another-app")), "wrong audience"),
        ["audience of the channel service"] = (h => new(h.Bearer(c => c["aud"] = "https://api.botframework.com")), "wrong audience"),
        ["audience with a trailing slash"] = (h => new(h.Bearer(c => c["aud"] = F.AppId + "/")), "wrong audience"),
        ["no audience"] = (h => new(h.Bearer(c => c.Remove("aud"))), "wrong audience"),
        ["kid never published"] = (h => new(h.Bearer(kid: "never-published")), "unknown signing key"),
        ["no kid"] = (h => new(h.Bearer(kid: "")), "no key id"),
        ["payload swapped under a good signature"] = (h => new(Spliced(h)), "bad signature"),
        ["key without endorsements"] = (h => new(h.Bearer(kid: F.UnendorsedKid)), "signing key has no endorsements"),
        ["key endorsed for other channels"] = (h => new(h.Bearer(kid: F.WebChatKid)), "channel not endorsed"),
        ["activity from a channel the key does not endorse"] = (h => new(h.Bearer(), ChannelId: "slack"), "channel not endorsed"),
        ["activity without channelId"] = (h => new(h.Bearer(), ChannelId: null), "activity has no channelId"),
        ["activity without serviceUrl"] = (h => new(h.Bearer(), ServiceUrl: null), "activity has no serviceUrl"),
        ["no serviceurl claim"] = (h => new(h.Bearer(c => c.Remove("serviceurl"))), "missing serviceurl claim"),
        ["serviceurl of another region"] = (h => new(h.Bearer(), ServiceUrl: "https://smba.trafficmanager.net/emea/"), "serviceurl mismatch"),
        ["serviceurl on another host"] = (h => new(h.Bearer(c => c["serviceurl"] = "https://attacker.example/amer/")), "serviceurl mismatch"),
    };

    private static readonly Dictionary<string, Func<BotFrameworkAuthHarness, Attempt>> Accepted = new()
    {
        ["a good token"] = h => new(h.Bearer()),
        ["lower-case scheme"] = h => new("bearer " + h.Bearer()["Bearer ".Length..]),
        ["RS384"] = h => new(h.Bearer(alg: "RS384")),
        ["RS512"] = h => new(h.Bearer(alg: "RS512")),
        ["expired 4 min ago, within the skew"] = h => new(h.Identity.Bearer(now: h.Now.AddMinutes(-64))),
        ["valid in 4 min, within the skew"] = h => new(h.Identity.Bearer(now: h.Now.AddMinutes(4))),
        ["audience api://botid-{id}"] = h => new(h.Bearer(c => c["aud"] = $"api://botid-{F.AppId}")),
        ["audience api://{id}"] = h => new(h.Bearer(c => c["aud"] = $"api://{F.AppId}")),
        ["serviceUrl in other case without the trailing slash"] = h => new(h.Bearer(), ServiceUrl: "HTTPS://SMBA.TrafficManager.net/amer"),
        ["serviceurl claim without the trailing slash"] = h => new(h.Bearer(c => c["serviceurl"] = "https://smba.trafficmanager.net/amer")),
    };

    public static TheoryData<string> RejectedCases => [.. Rejected.Keys];
    public static TheoryData<string> AcceptedCases => [.. Accepted.Keys];

    [Theory]
    [MemberData(nameof(RejectedCases))]
    public async Task Refuses(string name)
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        var (make, failure) = Rejected[name];
        var attempt = make(h);

        var result = await h.ValidateAsync(attempt.Header, attempt.ChannelId, attempt.ServiceUrl);

        Assert.False(result.Ok);
        Assert.Null(result.Identity);
        Assert.Equal(failure, result.Failure);
        if (attempt.Header?.Split(' ') is [_, { Length: > 0 } token, ..]) Assert.DoesNotContain(token, result.Failure);
    }

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public async Task Accepts(string name)
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        var attempt = Accepted[name](h);

        var result = await h.ValidateAsync(attempt.Header, attempt.ChannelId, attempt.ServiceUrl);

        Assert.True(result.Ok, result.Failure);
        Assert.Null(result.Failure);
        Assert.NotNull(result.Identity);
        Assert.True(result.Identity.IsAuthenticated);
        Assert.Equal(F.Issuer, result.Identity.FindFirst("iss")?.Value);
        Assert.StartsWith("https://smba.trafficmanager.net/amer", result.Identity.FindFirst("serviceurl")?.Value);
    }

    [Fact]
    public async Task Refuses_everything_while_no_app_id_is_configured()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync(appId: null);
        var result = await h.ValidateAsync(h.Bearer());
        Assert.Equal((false, "app id not configured"), (result.Ok, result.Failure));
        Assert.Equal((0, 0), h.Fetches);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("PS256")]
    public async Task A_disallowed_alg_is_refused_from_the_header_before_any_key_is_fetched(string alg)
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        var result = await h.ValidateAsync(h.Bearer(alg: alg));
        Assert.Equal("algorithm not allowed", result.Failure);
        Assert.Equal((0, 0), h.Fetches);
    }

    [Fact]
    public async Task A_token_is_good_only_inside_exp_and_nbf_give_or_take_five_minutes_of_the_injected_clock()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        var header = h.Bearer(); // nbf = now, exp = now + 1 h
        h.Time.Advance(TimeSpan.FromMinutes(64));
        Assert.True((await h.ValidateAsync(header)).Ok);
        h.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("token expired", (await h.ValidateAsync(header)).Failure);
    }

    // A token that passed is remembered (its signature is not checked again), but each activity
    // is still held to its own channel and serviceUrl.
    [Fact]
    public async Task A_remembered_token_is_still_checked_against_each_activity()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        var header = h.Bearer();
        Assert.True((await h.ValidateAsync(header)).Ok);

        Assert.Equal("channel not endorsed", (await h.ValidateAsync(header, channelId: "webchat")).Failure);
        Assert.Equal("serviceurl mismatch", (await h.ValidateAsync(header, serviceUrl: "https://evil.example/amer/")).Failure);
        Assert.Equal("activity has no serviceUrl", (await h.ValidateAsync(header, serviceUrl: null)).Failure);
        var again = await h.ValidateAsync(header);
        Assert.True(again.Ok, again.Failure);
        Assert.Equal(F.Issuer, again.Identity?.FindFirst("iss")?.Value);
    }

    [Fact]
    public void Registration_is_idempotent_and_keeps_a_clock_already_registered()
    {
        var fake = new FakeTimeProvider();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(fake).AddBotFrameworkAuth().AddBotFrameworkAuth();
        using var sp = services.BuildServiceProvider();
        Assert.Same(fake, sp.GetRequiredService<TimeProvider>());
        Assert.Same(sp.GetRequiredService<BotFrameworkAuth>(), sp.GetRequiredService<BotFrameworkAuth>());
        Assert.Single(services, d => d.ServiceType == typeof(BotFrameworkAuth));
        Assert.Equal(TimeSpan.FromSeconds(10), sp.GetRequiredService<IHttpClientFactory>().CreateClient(BotFrameworkKeys.HttpClientName).Timeout);

        using var bare = new ServiceCollection().AddLogging().AddBotFrameworkAuth().BuildServiceProvider();
        Assert.Same(TimeProvider.System, bare.GetRequiredService<TimeProvider>());
    }

    // A token whose header and claims are new but whose signature belongs to another token.
    private static string Spliced(BotFrameworkAuthHarness h)
    {
        var good = h.Bearer().Split('.');
        var forged = h.Bearer(c => c["serviceurl"] = "https://attacker.example/").Split('.');
        return $"{forged[0]}.{forged[1]}.{good[2]}";
    }
}
