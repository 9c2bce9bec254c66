using System.Net;
using CollabBot.Core.Telemetry;
using CollabBot.Host.Network;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CollabBot.Host.Telemetry;

// OpenTelemetry metrics with a Prometheus scrape endpoint at /metrics: CollabBot's own meter
// (Core/Telemetry/CollabMetrics), ASP.NET Core's request duration per route (the ack latency
// of /slack/* and /api/messages) and the runtime's own figures.
internal static class MetricsSetup
{
    public static IServiceCollection AddCollabMetrics(this IServiceCollection services, IConfiguration config)
    {
        var options = MetricsOptions.From(config);
        services.AddSingleton(options);
        if (!options.Enabled) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("collabbot"))
            .WithMetrics(m => m
                .AddMeter(CollabMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddMeter("System.Runtime")
                // Every scrape reads current values: the exporter's default cache would hand a
                // second scraper (or a test) figures up to a few hundred milliseconds old.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    // Refused requests fall through to routing and get the same 404 as any unknown path, so
    // a scan from outside cannot even tell that metrics exist.
    public static WebApplication UseCollabMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        if (options.Enabled)
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == MetricsOptions.Path && Allows(http, options));
        return app;
    }

    // The caller's own socket address decides. A request relayed by a proxy (the load
    // balancer in front of /slack and /api/messages) is refused whatever its address, even from
    // a known proxy, so /metrics never becomes reachable through the public entrance.
    public static bool Allows(HttpContext http, MetricsOptions options)
    {
        if (CallerOrigins.Of(http) is not { Relayed: false, Address: { } ip }) return false;
        return IPAddress.IsLoopback(ip) || options.Networks.Any(n => n.Contains(ip));
    }
}
