using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Support;

// The real host on real Kestrel (127.0.0.1, a free port): for what is decided by the caller's
// socket address (local or not), which the in-memory test server does not have. The client
// sends exactly the headers a test gives it (no cookies, no redirects followed).
internal sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public HttpClient Client { get; }
    public string DataDirectory { get; }
    public Uri Address { get; }
    public IServiceProvider Services => _factory.Services;

    private KestrelHost(string environment, string dir, Dictionary<string, string?> settings, Action<IWebHostBuilder>? configure)
    {
        DataDirectory = dir;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            foreach (var (k, v) in settings) b.UseSetting(k, v);
            configure?.Invoke(b);
        });
        _factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        Address = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
    }

    public static KestrelHost Start(Action<Dictionary<string, string?>>? settings = null, string environment = "Testing", Action<IWebHostBuilder>? configure = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "collabbot-tests", Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir,
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dir, "collabbot.db")};Pooling=False",
            ["Delivery:Enabled"] = "false",
            ["Jobs:Enabled"] = "false",
        };
        settings?.Invoke(all);
        return new KestrelHost(environment, dir, all, configure);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
