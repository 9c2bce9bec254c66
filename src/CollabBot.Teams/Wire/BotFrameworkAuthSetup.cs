using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollabBot.Teams.Wire;

internal static class BotFrameworkAuthSetup
{
    // TeamsOptions are bound by the caller (AddTeams binds section "Teams"); this only adds what
    // token validation needs. Safe to call more than once.
    public static IServiceCollection AddBotFrameworkAuth(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BotFrameworkKeys>();
        services.TryAddSingleton<BotFrameworkAuth>();
        services.AddHttpClient(BotFrameworkKeys.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(10);
            // The metadata and key set are a few KB; refuse anything absurd.
            http.MaxResponseContentBufferSize = 1 << 20;
        });
        return services;
    }
}
