using CollabBot.Teams;
using CollabBot.Teams.Wire;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Tests.Teams;

// BotFrameworkAuth wired the way the host wires it, against a FakeBotFrameworkIdentity and a
// fake clock far from the real one (so nothing can pass by reading the system clock).
internal sealed class BotFrameworkAuthHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 10, 8, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public FakeBotFrameworkIdentity Identity { get; }
    public FakeTimeProvider Time { get; } = new(Start);
    public BotFrameworkAuth Auth { get; }
    public DateTimeOffset Now => Time.GetUtcNow();

    private BotFrameworkAuthHarness(FakeBotFrameworkIdentity identity, string? appId)
    {
        Identity = identity;
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.Configure<TeamsOptions>(o =>
        {
            o.AppId = appId;
            o.OpenIdMetadataUrl = identity.MetadataUrl;
        });
        services.AddBotFrameworkAuth();
        _services = services.BuildServiceProvider();
        Auth = _services.GetRequiredService<BotFrameworkAuth>();
    }

    public static async Task<BotFrameworkAuthHarness> StartAsync(string? appId = FakeBotFrameworkIdentity.AppId) =>
        new(await FakeBotFrameworkIdentity.StartAsync(), appId);

    public Task<TeamsAuthResult> ValidateAsync(string? header, string? channelId = FakeBotFrameworkIdentity.ChannelId,
        string? serviceUrl = FakeBotFrameworkIdentity.ServiceUrl) =>
        Auth.ValidateAsync(header, channelId, serviceUrl, TestContext.Current.CancellationToken);

    // A good token minted at the fake clock's now, with optional edits.
    public string Bearer(Action<Dictionary<string, object>>? claims = null, string alg = "RS256", string? kid = null) =>
        Identity.Bearer(claims, alg, kid, Now);

    public (int Metadata, int Keys) Fetches => (Identity.MetadataFetches, Identity.KeyFetches);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
