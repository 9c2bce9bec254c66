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
        // A CRM's handoffs; the chat adapters add the email directories it asks (IEmailDirectory).
        services.AddScoped<Features.Handoffs.Crm.CrmHandoffs>();
        services.AddSingleton(_ => BotServices.CreateRouter());
        services.AddSingleton<Bot.ResolvedCache>();
        services.AddSingleton<Features.Pulse.PulseAnswerWriter>();
        services.AddSingleton<Features.Pulse.OpenRounds>();
        services.AddSingleton<Delivery.OutboxDelivery>();
        // Cards drawn when they are sent (Delivery/LiveCards), by source name.
        services.AddSingleton(new Delivery.LiveCard(Features.Pulse.PulseRounds.LiveChannel, Features.Pulse.PulseRounds.ChannelCardAsync));
        // Scheduled jobs: stateless, each run opens its own scope (Bot/JobScope).
        services.AddSingleton<Features.Pulse.PulseJobs>();
        services.AddSingleton<Features.Goals.CheckInJobs>();
        services.AddSingleton<Features.Handoffs.HandoffJobs>();
        services.AddSingleton<Features.Digest.DigestJobs>();
        services.AddSingleton<Features.Admin.ScheduleSync>();
        services.AddSingleton<Features.Retention.RetentionJob>();
        // Defaults; the host binds the Retention section over them.
        services.TryAddSingleton(new Features.Retention.RetentionOptions());
        // A host with a job server replaces this; without one (CLI, Jobs:Enabled=false) nothing is scheduled.
        services.TryAddSingleton<Features.Admin.ITeamScheduler, Features.Admin.NoTeamScheduler>();
        return services;
    }
}
