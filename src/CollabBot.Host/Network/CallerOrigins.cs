using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CollabBot.Host.Network;

// Who is calling, decided once per request before anything else runs. Anything that says it
// was relayed is not local unless it came from a configured known proxy: a relay header from
// anyone else could make a remote caller look local. ASP.NET Core's forwarded-headers step
// believes X-Forwarded-For/-Proto only from Network:KnownProxies/KnownNetworks, and consumes
// what it believed. A request is local when
// the address that leaves is loopback and no relay header is left: one from a peer that is
// not a known proxy stays, and so does any X-Real-IP, Via or Forwarded (never believed, as
// nothing here reads them), so a relayed request fails closed.
internal static class CallerOrigins
{
    private static readonly string[] RelayHeaders = ["Forwarded", "X-Real-IP", "Via"];

    private sealed record Arrival(bool Relayed);

    public static IServiceCollection AddCallerOrigins(this IServiceCollection services, IConfiguration config)
    {
        var network = NetworkOptions.From(config);
        services.AddSingleton(network);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core believes loopback by default; here only what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in network.Proxies) o.KnownProxies.Add(proxy);
            foreach (var net in network.Networks) o.KnownIPNetworks.Add(net);
            // Walk back through every known proxy of a chain; it stops at the first address that is not one.
            o.ForwardLimit = null;
        });
        return services;
    }

    // First in the pipeline: every later step (metrics, dashboard, Teams) reads the result.
    public static WebApplication UseCallerOrigins(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Features.Set(new Arrival(HasRelayHeader(http.Request.Headers)));
            return next(http);
        });
        app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            Decide(http);
            return next(http);
        });
        return app;
    }

    // After the forwarded-headers step (or, for a request that never had one, as it arrived).
    public static CallerOrigin Decide(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress is { } ip ? Plain(ip) : null;
        var relayLeft = HasRelayHeader(http.Request.Headers);
        var relayed = relayLeft || http.Features.Get<Arrival>() is { Relayed: true };
        var origin = new CallerOrigin(address, address is not null && IPAddress.IsLoopback(address) && !relayLeft, relayed);
        http.Features.Set(origin);
        return origin;
    }

    public static CallerOrigin Of(HttpContext http) => http.Features.Get<CallerOrigin>() ?? CallerOrigin.Unknown;

    public static bool HasRelayHeader(IHeaderDictionary headers)
    {
        foreach (var name in RelayHeaders)
            if (headers.ContainsKey(name)) return true;
        foreach (var header in headers)
            if (header.Key.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public static IPAddress Plain(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
