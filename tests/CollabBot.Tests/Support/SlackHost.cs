using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using CollabBot.Slack.Wire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Support;

// The real host (real pipeline, real SQLite) wired to the fake Slack, plus a client that
// signs requests the way Slack does.
internal sealed class SlackHost : IAsyncDisposable
{
    private static int _triggers;

    // Slack gives every command a trigger id of its own, so no two are the same signed request.
    private static string NextTrigger() => $"1337.{Interlocked.Increment(ref _triggers)}.abcd";

    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private readonly WebApplicationFactory<Program> _factory;

    public FakeSlack Slack { get; }
    public HttpClient Client { get; }
    public string DataDirectory { get; }
    public IServiceProvider Services => _factory.Services;

    private SlackHost(FakeSlack slack, string dir, Dictionary<string, string?> settings)
    {
        Slack = slack;
        DataDirectory = dir;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (k, v) in settings) b.UseSetting(k, v);
        });
        Client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    public static async Task<SlackHost> StartAsync(bool singleWorkspace = true, Action<Dictionary<string, string?>>? configure = null)
    {
        var slack = await FakeSlack.StartAsync();
        var dir = Path.Combine(Path.GetTempPath(), "collabbot-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir,
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dir, "collabbot.db")};Pooling=False",
            ["Slack:SigningSecret"] = Secret,
            ["Delivery:Enabled"] = "false",   // tests deliver the outbox themselves (OutboxDelivery.RunOnceAsync)
            ["Jobs:Enabled"] = "false",       // job methods are tested directly, without Hangfire
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "client-secret",
        };
        if (singleWorkspace) settings["Slack:BotToken"] = FakeSlack.Token;
        configure?.Invoke(settings);
        return new SlackHost(slack, dir, settings);
    }

    public Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType, long? timestamp = null, string? secret = null)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(secret ?? Secret, ts, Encoding.UTF8.GetBytes(body)));
        return Client.SendAsync(request);
    }

    // Waits for what the command started after its ack (a reply that missed the ack window), so a test reads the result.
    public async Task<HttpResponseMessage> CommandAsync(string user, string text, string channel = "C0SALES", string team = "T0ACME")
    {
        var response = await PostSignedAsync("/slack/commands", CommandForm(user, text, channel, team), "application/x-www-form-urlencoded");
        await Services.GetRequiredService<CollabBot.Slack.Web.SlackBackground>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return response;
    }

    public string CommandForm(string user, string text, string channel = "C0SALES", string team = "T0ACME") =>
        Form(("team_id", team), ("team_domain", "acme"), ("channel_id", channel), ("channel_name", "sales"),
            ("user_id", user), ("user_name", user.ToLowerInvariant()), ("command", "/collab"), ("text", text),
            ("response_url", Slack.BaseUrl + "/api/response_url"), ("trigger_id", NextTrigger()));

    public Task<HttpResponseMessage> InteractionAsync(string payloadJson) =>
        PostSignedAsync("/slack/interactions", Form(("payload", payloadJson)), "application/x-www-form-urlencoded");

    // Waits for what the event started after its ack (an install reads the roster then), so a test reads the result.
    public async Task<HttpResponseMessage> EventAsync(string json)
    {
        var response = await PostSignedAsync("/slack/events", json, "application/json");
        await Services.GetRequiredService<CollabBot.Slack.Web.SlackBackground>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return response;
    }

    public static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    // Maya's first command installs the app in #sales, which queues her setup checklist (she is
    // the team's admin). It is delivered to her DM here, then the fake forgets it, so a test about
    // other messages counts only its own.
    public async Task InstallAndSettleAsync()
    {
        await CommandAsync("U0MAYA", "help");
        await Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);
        var setup = await QueryAsync(db => db.Unscoped<OutboxMessage>().SingleAsync());
        Assert.Equal((OutboxTarget.Member, "U0MAYA", OutboxStatus.Sent), (setup.TargetKind, setup.Target, setup.Status));
        Assert.StartsWith("setup:", setup.IdempotencyKey);
        Slack.Forget();
    }

    public async Task<T> QueryAsync<T>(Func<CollabDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
