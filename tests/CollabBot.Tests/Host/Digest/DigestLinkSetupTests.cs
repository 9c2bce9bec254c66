using System.Globalization;
using System.Net;
using CollabBot.Host.Digest;
using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Digest;

public sealed class DigestLinkSetupTests
{
    [Fact]
    public async Task The_signing_key_is_made_once_sealed_and_shared_by_every_host_on_the_same_keys()
    {
        using var first = new CollabBotFactory();
        var link = first.Services.GetRequiredService<SignedDigestLinks>().For(1, "2026-W47");
        var file = Path.Combine(first.DataDirectory, "keys", "data-protection", "digest-links.key");
        Assert.True(File.Exists(file));
        Assert.True(File.ReadAllText(file).Length > 100, "the key is stored sealed by Data Protection, not as 44 characters of base64");

        // A second host (or the `link` CLI verb) on the same keys directory signs identically.
        using var second = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Storage:DataDirectory", first.DataDirectory);
            b.UseSetting("Storage:MigrateOnStartup", "false");
            b.UseSetting("Delivery:Enabled", "false");
        });
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(link.PageUrl[(link.PageUrl.IndexOf("exp=", StringComparison.Ordinal) + 4)..link.PageUrl.IndexOf('&')], CultureInfo.InvariantCulture));
        Assert.Equal(link, second.Services.GetRequiredService<SignedDigestLinks>().For(1, "2026-W47", expires));
    }

    [Fact]
    public async Task Configured_settings_shape_the_links()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        using var factory = new CollabBotFactory().WithWebHostBuilder(b =>
        {
            b.UseSetting("Bot:PublicBaseUrl", "https://bot.acme.io/");
            b.UseSetting("Bot:LinkDays", "3");
            b.UseSetting("Bot:LinkKey", key);
        });
        var minter = factory.Services.GetRequiredService<SignedDigestLinks>();   // starts the host
        var before = DateTimeOffset.UtcNow;
        var links = minter.For(5, "2026-W47");
        Assert.StartsWith("https://bot.acme.io/digest/5/2026-W47?exp=", links.PageUrl);
        Assert.StartsWith("https://bot.acme.io/digest/5/2026-W47/chart.png?exp=", links.ChartUrl);
        var exp = long.Parse(links.PageUrl[(links.PageUrl.IndexOf("exp=", StringComparison.Ordinal) + 4)..links.PageUrl.IndexOf('&')], CultureInfo.InvariantCulture);
        Assert.InRange(exp - before.ToUnixTimeSeconds(), 3 * 86400 - 5, 3 * 86400 + 5);
        // With Bot:LinkKey the key is the configured one, so another host configured alike agrees.
        var signer = new LinkSigner(Convert.FromBase64String(key), TimeProvider.System);
        var page = new Uri(links.PageUrl);
        var q = System.Web.HttpUtility.ParseQueryString(page.Query);
        Assert.True(signer.IsValid(page.AbsolutePath, q["exp"], q["sig"], out _));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page.PathAndQuery, TestContext.Current.CancellationToken)).StatusCode);  // no team 5
    }

    [Theory]
    [InlineData("Bot:PublicBaseUrl", "bot.acme.io")]
    [InlineData("Bot:PublicBaseUrl", "ftp://bot.acme.io")]
    [InlineData("Bot:PublicBaseUrl", "https://bot.acme.io/?x=1")]
    [InlineData("Bot:LinkDays", "0")]
    [InlineData("Bot:LinkDays", "400")]
    public void Bad_settings_fail_at_startup(string key, string value)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        Assert.Throws<InvalidOperationException>(() => DigestLinkOptions.From(config));
    }
}
