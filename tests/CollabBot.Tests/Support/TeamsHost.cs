using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Support;

// The real host wired to a fake Bot Framework identity (OpenID metadata + JWKS) and a fake
// Connector, plus helpers that post activities the way Teams does.
internal sealed class TeamsHost : IAsyncDisposable
{
    public const string Tenant = "72f988bf-0000-4000-8000-00000000cafe";
    public const string Bot = "28:" + FakeConnector.AppId;
    public const string Channel = "19:sales@thread.tacv2";
    public const string TeamId = "19:sales@thread.tacv2";
    private readonly WebApplicationFactory<Program> _factory;
    private int _ids;

    public FakeBotFrameworkIdentity Identity { get; }
    public FakeConnector Connector { get; }
    public HttpClient Client { get; }
    public string DataDirectory { get; }
    public IServiceProvider Services => _factory.Services;

    private TeamsHost(FakeBotFrameworkIdentity identity, FakeConnector connector, string dir, Dictionary<string, string?> settings)
    {
        (Identity, Connector, DataDirectory) = (identity, connector, dir);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (k, v) in settings) b.UseSetting(k, v);
        });
        Client = _factory.CreateClient();
    }

    public static async Task<TeamsHost> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var identity = await FakeBotFrameworkIdentity.StartAsync();
        var connector = await FakeConnector.StartAsync();
        var dir = Path.Combine(Path.GetTempPath(), "collabbot-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(connector.Settings)
        {
            ["Storage:DataDirectory"] = dir,
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dir, "collabbot.db")};Pooling=False",
            ["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
            ["Delivery:Enabled"] = "false",   // tests deliver the outbox themselves (OutboxDelivery.RunOnceAsync)
            ["Jobs:Enabled"] = "false",       // job methods are tested directly, without Hangfire
        };
        configure?.Invoke(settings);
        return new TeamsHost(identity, connector, dir, settings);
    }

    // A token as the Connector signs it for this bot and this service URL.
    public string Bearer(string? serviceUrl = null, Action<Dictionary<string, object>>? claims = null) => Identity.Bearer(c =>
    {
        c["aud"] = FakeConnector.AppId;
        c["serviceurl"] = serviceUrl ?? Connector.ServiceUrl;
        claims?.Invoke(c);
    });

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization = "") =>
        PostRawAsync(activity.ToJsonString(), authorization == "" ? Bearer() : authorization);

    // Waits for the replies the activity queued, so a test reads what the bot sent.
    public async Task<HttpResponseMessage> PostRawAsync(string body, string? authorization, string contentType = "application/json")
    {
        var response = await PostUnwaitedAsync(body, authorization, contentType);
        await Services.GetRequiredService<CollabBot.Teams.Web.TeamsReplySender>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return response;
    }

    public Task<HttpResponseMessage> PostUnwaitedAsync(string body, string? authorization, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return Client.SendAsync(request);
    }

    // An activity from `user` in the sales channel ("channel"), a 1:1 chat ("personal") or a group chat.
    public JsonObject Activity(string type, string user, string conversationType = "channel", string? text = null, string locale = "en-US")
    {
        var conversation = conversationType switch
        {
            "personal" => $"a:1:{user}",
            "groupChat" => "19:group-chat@unq.gbl.spaces",
            _ => Channel + ";messageid=" + (1_000_000 + _ids),
        };
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"f:{Interlocked.Increment(ref _ids)}",
            ["channelId"] = "msteams",
            ["serviceUrl"] = Connector.ServiceUrl,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["locale"] = locale,
            ["from"] = new JsonObject { ["id"] = user, ["name"] = NameOf(user), ["aadObjectId"] = Guid.NewGuid().ToString() },
            ["recipient"] = new JsonObject { ["id"] = Bot, ["name"] = "CollabBot" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = conversationType, ["tenantId"] = Tenant },
            ["channelData"] = conversationType == "channel"
                ? new JsonObject
                {
                    ["tenant"] = new JsonObject { ["id"] = Tenant },
                    ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Sales" },
                    ["channel"] = new JsonObject { ["id"] = Channel }
                }
                : new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        };
        if (text is not null) activity["text"] = text;
        return activity;
    }

    // "@CollabBot <command>" as Teams sends it in a channel: the mention in the text and as an entity.
    public JsonObject Command(string user, string command, string conversationType = "channel", params (string Id, string Name)[] mentions)
    {
        var text = conversationType == "personal" ? command : "<at>CollabBot</at> " + command;
        var a = Activity("message", user, conversationType, text);
        var entities = new JsonArray();
        if (conversationType != "personal")
            entities.Add(new JsonObject { ["type"] = "mention", ["text"] = "<at>CollabBot</at>", ["mentioned"] = new JsonObject { ["id"] = Bot, ["name"] = "CollabBot" } });
        foreach (var (id, name) in mentions)
            entities.Add(new JsonObject { ["type"] = "mention", ["text"] = $"<at>{name}</at>", ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name } });
        a["entities"] = entities;
        return a;
    }

    public JsonObject Invoke(string user, string name, JsonObject value, string conversationType = "channel")
    {
        var a = Activity("invoke", user, conversationType);
        a["name"] = name;
        a["value"] = value;
        return a;
    }

    public static string NameOf(string user) => user.Split(':').Last() switch { var n when n.Length > 0 => char.ToUpperInvariant(n[0]) + n[1..], _ => user };

    // Delivers what installing queued (the setup checklist, to the installer's 1:1 chat) and then
    // forgets the Connector calls seen so far, so a test about other messages counts only its own.
    public async Task SettleInstallAsync()
    {
        await Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);
        await using (var scope = Services.CreateAsyncScope())
        {
            var setup = await scope.ServiceProvider.GetRequiredService<CollabDbContext>().Unscoped<OutboxMessage>().SingleAsync();
            Assert.Equal((OutboxTarget.Member, OutboxStatus.Sent), (setup.TargetKind, setup.Status));
            Assert.StartsWith("setup:", setup.IdempotencyKey);
        }
        Connector.Calls.Clear();
    }

    // What the bot sent through the Connector, newest last.
    public List<FakeConnector.Call> Sent() => Connector.Of("POST", "/activities").ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
