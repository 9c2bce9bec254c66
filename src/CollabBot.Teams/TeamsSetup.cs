using CollabBot.Teams.Web;
using CollabBot.Teams.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CollabBot.Teams;

internal static class TeamsSetup
{
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<TeamsOptions>(config.GetSection(TeamsOptions.Section));
        services.AddMemoryCache();
        services.AddBotFrameworkAuth();
        services.AddTeamsConnector();
        services.AddSingleton(sp => TeamsGate.Decide(sp.GetRequiredService<IOptions<TeamsOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<IConfiguration>()));
        services.AddTransient<TeamsReplies>();
        services.AddSingleton<TeamsReplySender>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamsReplySender>());
        services.AddTransient<TeamsTurns>();
        services.AddScoped<CollabBot.Core.Delivery.IMessenger, Delivery.TeamsMessenger>();
        services.AddScoped<CollabBot.Core.Features.Handoffs.Crm.IEmailDirectory, Crm.TeamsEmailDirectory>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var gate = app.ServiceProvider.GetRequiredService<TeamsGate>();
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("CollabBot.Teams");
        log.TeamsGate(gate.Mode == TeamsMode.LocalDevelopment ? LogLevel.Warning : LogLevel.Information, gate.Why);
        app.MapPost("/api/messages", TeamsEndpoint.HandleAsync);
        return app;
    }
}
