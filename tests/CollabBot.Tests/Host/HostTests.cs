using CollabBot.Tests.Support;

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
}
