using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CollabBot.Teams.Wire;

internal static class ConnectorSetup
{
    // Configure<TeamsOptions> is the host's job; ConnectorRetryOptions keeps its defaults unless configured.
    public static IServiceCollection AddTeamsConnector(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>();
        services.AddOptions<ConnectorRetryOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectorLimits>();
        services.TryAddSingleton<BotTokens>();

        // The token request carries the client secret in its body, and Connector URLs carry
        // conversation and user ids: no HttpClient logging on either.
        services.AddHttpClient(BotTokens.HttpClientName, ConfigureTimeout)
            .RemoveAllLoggers()
            .AddResilienceHandler("teams-token", Retry);
        services.AddHttpClient<ConnectorClient>(ConfigureTimeout)
            .RemoveAllLoggers()
            .AddResilienceHandler("teams-connector", Retry);
        return services;
    }

    private static void ConfigureTimeout(IServiceProvider sp, HttpClient http) =>
        http.Timeout = sp.GetRequiredService<IOptions<ConnectorRetryOptions>>().Value.Timeout;

    // rate-limit.md: back off exponentially with jitter on 429, 412, 502 and 504, honouring
    // Retry-After. Other 4xx are final, and a Retry-After longer than MaxDelay is the caller's
    // to wait (ConnectorThrottledException) rather than a request held open.
    private static void Retry(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var o = context.ServiceProvider.GetRequiredService<IOptions<ConnectorRetryOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = o.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = o.BaseDelay,
            MaxDelay = o.MaxDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && ConnectorErrors.IsTransient(r.StatusCode)
                && !(ConnectorErrors.RetryAfter(r, time.GetUtcNow()) > o.MaxDelay)
                && !(r.StatusCode == HttpStatusCode.TooManyRequests && r.RequestMessage?.Options.TryGetValue(ConnectorErrors.Paced, out var paced) == true && paced)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? ConnectorErrors.RetryAfter(r, time.GetUtcNow()) : null),
        });
    }
}
