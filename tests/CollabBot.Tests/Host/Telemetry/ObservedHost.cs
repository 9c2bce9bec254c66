using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CollabBot.Slack.Wire;
using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Tests.Host.Telemetry;

// The real host with both platforms on, watched from outside: its /metrics, served on real
// Kestrel (127.0.0.1, a free port) because /metrics decides by the caller's socket address,
// which the in-memory test server does not have; and, given a logger provider, every log
// entry it writes. Slack is pointed at the fake Slack, Teams at the fake identity and Connector.
internal sealed class ObservedHost : IAsyncDisposable
{
    private static int _triggers;

    // Slack gives every command a trigger id of its own, so no two are the same signed request.
    private static string NextTrigger() => $"1337.{Interlocked.Increment(ref _triggers)}.abcd";

    private readonly WebApplicationFactory<Program> _factory;

    public FakeSlack Slack { get; }
    public FakeBotFrameworkIdentity Identity { get; }
    public FakeConnector Connector { get; }
    public HttpClient Client { get; }
    public string DataDirectory { get; }
    public IServiceProvider Services => _factory.Services;

    private ObservedHost(FakeSlack slack, FakeBotFrameworkIdentity identity, FakeConnector connector, string dir, Dictionary<string, string?> settings,
        ILoggerProvider? logs)
    {
        (Slack, Identity, Connector, DataDirectory) = (slack, identity, connector, dir);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (k, v) in settings) b.UseSetting(k, v);
            if (logs is not null) b.ConfigureServices(s => s.AddSingleton(logs));
        });
        _factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Cookies and redirects are the test's to handle, as a browser's would be.
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
    }

    public static async Task<ObservedHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, ILoggerProvider? logs = null)
    {
        var slack = await FakeSlack.StartAsync();
        var identity = await FakeBotFrameworkIdentity.StartAsync();
        var connector = await FakeConnector.StartAsync();
        var dir = Path.Combine(Path.GetTempPath(), "collabbot-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(connector.Settings)
        {
            ["Storage:DataDirectory"] = dir,
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dir, "collabbot.db")};Pooling=False",
            ["Delivery:Enabled"] = "false",
            ["Jobs:Enabled"] = "false",
            ["Slack:SigningSecret"] = SlackHost.Secret,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:BotToken"] = FakeSlack.Token,
            ["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
        };
        configure?.Invoke(settings);
        return new ObservedHost(slack, identity, connector, dir, settings, logs);
    }

    public Task<HttpResponseMessage> SlackCommandAsync(string user, string text, string secret = SlackHost.Secret, long? timestamp = null) =>
        SlackPostAsync("/slack/commands", SlackHost.Form(("team_id", "T0ACME"), ("team_domain", "acme"), ("channel_id", "C0SALES"), ("channel_name", "sales"),
            ("user_id", user), ("user_name", user.ToLowerInvariant()), ("command", "/collab"), ("text", text),
            ("response_url", Slack.BaseUrl + "/api/response_url"), ("trigger_id", NextTrigger())), secret, timestamp);

    // Waits for what the event started after its ack (an install reads the roster then).
    public async Task<HttpResponseMessage> SlackEventAsync(string json)
    {
        var response = await SlackPostAsync("/slack/events", json, contentType: "application/json");
        await Services.GetRequiredService<CollabBot.Slack.Web.SlackBackground>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return response;
    }

    public Task<HttpResponseMessage> SlackInteractionAsync(string payloadJson) => SlackPostAsync("/slack/interactions", SlackHost.Form(("payload", payloadJson)));

    private Task<HttpResponseMessage> SlackPostAsync(string path, string body, string secret = SlackHost.Secret, long? timestamp = null,
        string contentType = "application/x-www-form-urlencoded")
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(secret, ts, Encoding.UTF8.GetBytes(body)));
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> TeamsAsync(string? authorization)
    {
        var activity = $$"""
            {"type":"message","id":"a{{Guid.NewGuid():N}}","channelId":"msteams","serviceUrl":"{{Connector.ServiceUrl}}",
             "from":{"id":"29:1ana","name":"Ana"},"recipient":{"id":"28:bot","name":"CollabBot"},
             "conversation":{"id":"a:1:ana","conversationType":"personal","tenantId":"t"},"text":"help"}
            """;
        return TeamsPostAsync(activity, authorization);
    }

    // A token as the Connector signs it for this bot.
    public string TeamsBearer() => Identity.Bearer(c =>
    {
        c["aud"] = FakeConnector.AppId;
        c["serviceurl"] = Connector.ServiceUrl;
    });

    public Task<HttpResponseMessage> TeamsPostAsync(string activity, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity, Encoding.UTF8, "application/json") };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return Client.SendAsync(request);
    }

    public async Task<Scrape> ScrapeAsync()
    {
        var response = await Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Slack.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

// One Prometheus text exposition, read as series: a name, its labels and a value.
internal sealed partial class Scrape(string text)
{
    public string Text { get; } = text;

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex Line();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    public IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Series() =>
        Text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => Line().Match(l)).Where(m => m.Success).Select(m =>
            (m.Groups["name"].Value,
             Label().Matches(m.Groups["labels"].Value).ToDictionary(x => x.Groups["k"].Value, x => x.Groups["v"].Value),
             double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));

    // The sum over every series of that name carrying all the given labels (0 when none does).
    public double Value(string name, params (string Key, string Value)[] labels) =>
        Series().Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    public bool Has(string name, params (string Key, string Value)[] labels) =>
        Series().Any(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value));
}
