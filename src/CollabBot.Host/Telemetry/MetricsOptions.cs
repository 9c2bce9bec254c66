using System.Net;

namespace CollabBot.Host.Telemetry;

// The Metrics section. /metrics is on by default but answers only this machine; AllowFrom
// names the networks (CIDR, e.g. "10.0.0.0/8") of the Prometheus servers that may scrape too.
internal sealed class MetricsOptions
{
    public const string Section = "Metrics";
    public const string Path = "/metrics";

    public bool Enabled { get; set; } = true;
    public string[] AllowFrom { get; set; } = [];

    public IReadOnlyList<IPNetwork> Networks { get; private set; } = [];

    // A mistyped network fails at startup instead of silently shutting the scraper out.
    public static MetricsOptions From(IConfiguration config)
    {
        var options = config.GetSection(Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var networks = new List<IPNetwork>();
        foreach (var entry in options.AllowFrom)
        {
            var text = entry.Trim();
            if (!text.Contains('/') && IPAddress.TryParse(text, out var single)) text += single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "/32" : "/128";
            if (!IPNetwork.TryParse(text, out var network))
                throw new InvalidOperationException($"Metrics:AllowFrom: '{entry}' is not an address or a network in CIDR form.");
            networks.Add(network);
        }
        options.Networks = networks;
        return options;
    }
}
