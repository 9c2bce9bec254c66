using CollabBot.Core.Bot;
using CollabBot.Core.Features.Digest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollabBot.Core;

internal static class CoreServices
{
    public static IServiceCollection AddCollabCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<TeamDataLoader>();
        services.AddScoped<WeeklyScoringJob>();
        services.AddSingleton(_ => BotServices.CreateRouter());
        services.AddSingleton<Features.Pulse.PulseAnswerWriter>();
        services.AddSingleton<Features.Pulse.OpenRounds>();
        services.AddSingleton<Delivery.OutboxDelivery>();
        return services;
    }
}
