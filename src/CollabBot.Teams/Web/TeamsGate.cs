using System.Net;
using CollabBot.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CollabBot.Teams.Web;

internal enum TeamsMode { Off, Signed, LocalDevelopment }

// Who may call /api/messages. With a Microsoft app id: Bot Framework tokens only. Without
// one, unsigned requests are accepted only for local development (Development environment,
// every listening address on loopback, the caller on this machine and not relayed); otherwise the endpoint
// is off, so a Slack-only deployment runs without ever trusting an unsigned activity.
internal sealed record TeamsGate(TeamsMode Mode, string Why)
{
    public static TeamsGate Decide(TeamsOptions options, IHostEnvironment env, IConfiguration config)
    {
        if (!string.IsNullOrWhiteSpace(options.AppId))
            return new(TeamsMode.Signed, $"Teams is on: /api/messages accepts Bot Framework tokens for app {options.AppId}.");
        if (!env.IsDevelopment())
            return new(TeamsMode.Off, "Teams is off: set Teams:AppId and Teams:AppPassword to enable /api/messages (it answers 503 until then).");
        var urls = ListeningUrls(config);
        if (urls.Any(u => !IsLoopbackUrl(u)))
            return new(TeamsMode.Off, $"Teams is off: no Teams:AppId, and the host listens beyond loopback ({string.Join(", ", urls)}); unsigned requests are only taken on loopback.");
        return new(TeamsMode.LocalDevelopment,
            "TEAMS LOCAL DEVELOPMENT MODE: /api/messages accepts UNSIGNED activities from this machine (no Teams:AppId, Development environment, loopback only). Never expose this host.");
    }

    // Local as the host decided it: on loopback, and not relayed by anything but a known proxy.
    public bool AcceptsUnsigned(CallerOrigin? caller) => Mode == TeamsMode.LocalDevelopment && caller is { Local: true };

    // Where Kestrel listens: `urls` (also ASPNETCORE_URLS and --urls) and Kestrel endpoints;
    // nothing configured means its default, http://localhost:5000.
    private static List<string> ListeningUrls(IConfiguration config)
    {
        var urls = (config["urls"] ?? config["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        urls.AddRange(config.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls.Count > 0 ? urls : ["http://localhost:5000"];
    }

    private static bool IsLoopbackUrl(string url)
    {
        var host = url.Split("://").Last().Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
