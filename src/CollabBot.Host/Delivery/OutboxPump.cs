using CollabBot.Core.Delivery;

namespace CollabBot.Host.Delivery;

// Keeps the outbox moving: deliver what is due, and when nothing is, look again in a second.
// Delivery:Enabled=false turns it off (tests drive OutboxDelivery themselves).
internal sealed class OutboxPump(OutboxDelivery delivery, IConfiguration config, ILogger<OutboxPump> log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!config.GetValue("Delivery:Enabled", true))
        {
            log.OutboxOff();
            return;
        }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await delivery.RunOnceAsync(stop) > 0) continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.OutboxRoundFailed(e);
            }
            try { await Task.Delay(Idle, stop); } catch (OperationCanceledException) { }
        }
    }
}

internal static class DeliverySetup
{
    // Delivery:LeaseSeconds (default 120): see DeliveryOptions.
    public static IServiceCollection AddOutboxPump(this IServiceCollection services, IConfiguration config)
    {
        var seconds = config.GetValue("Delivery:LeaseSeconds", 120);
        if (seconds < 1) throw new InvalidOperationException("Delivery:LeaseSeconds must be at least 1.");
        services.AddSingleton(new DeliveryOptions(TimeSpan.FromSeconds(seconds)));
        return services.AddHostedService<OutboxPump>();
    }
}
