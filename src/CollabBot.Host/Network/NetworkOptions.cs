using System.Net;

namespace CollabBot.Host.Network;

// The Network section: the reverse proxies this host believes. KnownProxies are single
// addresses, KnownNetworks CIDR ranges; both empty by default, so no relay header is believed
// and a request that carries one is never local.
internal sealed class NetworkOptions
{
    public const string Section = "Network";

    public string[] KnownProxies { get; set; } = [];
    public string[] KnownNetworks { get; set; } = [];

    public IReadOnlyList<IPAddress> Proxies { get; private set; } = [];
    public IReadOnlyList<IPNetwork> Networks { get; private set; } = [];

    // A mistyped entry stops the host at startup rather than leaving a proxy unbelieved
    // (every request through it refused) or, worse, an unintended range believed.
    public static NetworkOptions From(IConfiguration config)
    {
        var options = config.GetSection(Section).Get<NetworkOptions>() ?? new NetworkOptions();
        options.Proxies = options.KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var ip) ? CallerOrigins.Plain(ip)
            : throw new InvalidOperationException($"Network:KnownProxies: '{p}' is not an IP address.")).ToList();
        options.Networks = options.KnownNetworks.Select(n => IPNetwork.TryParse(n.Trim(), out var net) ? net
            : throw new InvalidOperationException($"Network:KnownNetworks: '{n}' is not a network in CIDR form (e.g. 10.0.0.0/8).")).ToList();
        return options;
    }
}
