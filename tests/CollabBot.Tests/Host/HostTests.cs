using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CollabBot.Tests.Host;

public sealed class HostTests
{
    [Fact]
    public async Task The_host_starts_on_a_fresh_machine_creates_its_database_and_answers_health()
    {
        using var factory = new CollabBotFactory();
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "collabbot.db")));
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "keys", "pseudonym.key")));
    }

    [Fact]
    public async Task Readiness_says_ready_and_names_what_is_unreachable()
    {
        var ct = TestContext.Current.CancellationToken;
        using var factory = new CollabBotFactory();
        using var client = factory.CreateClient();
        var ready = await client.GetAsync("/readyz", ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", await ready.Content.ReadAsStringAsync(ct));

        // A database nobody listens for: the process lives, but it is not ready.
        using var broken = new CollabBotFactory().WithWebHostBuilder(b =>
        {
            b.UseSetting("Storage:Provider", "Postgres");
            b.UseSetting("Storage:ConnectionString", "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");
            b.UseSetting("Storage:MigrateOnStartup", "false");
            b.UseSetting("Privacy:PseudonymKey", Convert.ToBase64String(new byte[32]));
        });
        using var brokenClient = broken.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await brokenClient.GetAsync("/healthz", ct)).StatusCode);
        var notReady = await brokenClient.GetAsync("/readyz", ct);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("database", await notReady.Content.ReadAsStringAsync(ct));
    }
}
