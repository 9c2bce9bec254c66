namespace CollabBot.Host.Crm;

internal static class CrmSetup
{
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(CrmOptions.Section).Get<CrmOptions>() ?? new CrmOptions();
        if (!Uri.TryCreate(options.HubSpotApiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
            throw new InvalidOperationException($"Crm:HubSpotApiBaseUrl must be an absolute http(s) URL, not '{options.HubSpotApiBaseUrl}'.");
        services.AddSingleton(options);
        services.AddHttpClient<HubSpotClient>(http =>
        {
            http.BaseAddress = api;
            http.Timeout = TimeSpan.FromSeconds(10);
        }).RemoveAllLoggers();
        return services;
    }

    // Each route exists only when it is configured: an unconfigured CRM door is a 404, not a 401.
    public static IEndpointRouteBuilder MapCrm(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<CrmOptions>();
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("CollabBot.Crm");
        if (options.WebhookEnabled) app.MapPost(CrmEndpoints.WebhookPath, CrmEndpoints.WebhookAsync);
        if (options.HubSpotEnabled) app.MapPost(CrmEndpoints.HubSpotPath, HubSpotEndpoint.HandleAsync);
        else if (!string.IsNullOrEmpty(options.HubSpotClientSecret) || !string.IsNullOrEmpty(options.HubSpotAccessToken))
            log.HubSpotHalfConfigured(CrmEndpoints.HubSpotPath);
        log.CrmDoors(options.WebhookEnabled ? CrmEndpoints.WebhookPath : "off", options.HubSpotEnabled ? CrmEndpoints.HubSpotPath : "off");
        return app;
    }
}
