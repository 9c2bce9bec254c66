using System.Net;
using CollabBot.Slack.Install;
using CollabBot.Slack.Web;
using CollabBot.Slack.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CollabBot.Slack;

internal static class SlackSetup
{
    // In-process waits for a 429 are short; a longer Retry-After goes back to the caller
    // (the outbox reschedules). Only 429 is retried here: a 5xx may have been processed.
    public static readonly TimeSpan MaxInProcessRetryAfter = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SlackOptions>(config.GetSection("Slack"));
        services.AddMemoryCache();
        services.AddSingleton<SlackRateLimits>();
        services.AddSingleton<SlackTokens>();
        services.AddTransient<SlackUsers>();
        services.AddTransient<SlackReplies>();
        services.AddSingleton<SlackBackground>();
        services.AddSingleton<SlackDispatch>();
        services.AddSingleton<SlackInstalls>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackBackground>());
        services.AddScoped<CollabBot.Core.Delivery.IMessenger, Delivery.SlackMessenger>();
        services.AddScoped<CollabBot.Core.Features.Handoffs.Crm.IEmailDirectory, Crm.SlackEmailDirectory>();
        services.AddHttpClient<SlackApi>((sp, http) => http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl))
            // response_url and upload URLs carry their secret in the path: never log request URLs.
            .RemoveAllLoggers()
            .AddResilienceHandler("slack", pipeline => pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    ShouldRetryAfterHeader = true,
                    Delay = TimeSpan.FromSeconds(1),
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } r
                        && (r.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)) <= MaxInProcessRetryAfter),
                })
                .AddTimeout(TimeSpan.FromSeconds(10)));
        return services;
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("CollabBot.Slack");
        if (!options.Enabled) log.SlackOff();
        else log.SlackOn(options.SingleWorkspace ? "one workspace, Slack:BotToken" : "OAuth install at /slack/install");
        // Everything Slack sends is signed and verified once, before its handler (SlackVerification);
        // the OAuth pages are opened by a browser and carry no signature.
        var signed = app.MapGroup("/slack").AddEndpointFilterFactory(SlackVerification.Create);
        signed.MapPost("/events", SlackEvents.HandleAsync);
        signed.MapPost("/commands", SlackCommands.HandleAsync);
        signed.MapPost("/interactions", SlackInteractions.HandleAsync);
        app.MapGet("/slack/install", SlackOAuth.Install);
        app.MapGet("/slack/oauth/callback", SlackOAuth.CallbackAsync);
        return app;
    }
}
