using CollabBot.Teams;
using CollabBot.Teams.Wire;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// The connector's real service registration pointed at a FakeConnector, with retry delays
// shrunk so backoff tests take milliseconds (Retry-After still waits what it says, up to 2 s).
internal static class ConnectorHost
{
    public static ServiceProvider Services(FakeConnector fake, bool credentials = true, TimeProvider? time = null, string password = FakeConnector.AppPassword)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null) services.AddSingleton(time);
        services.Configure<TeamsOptions>(o =>
        {
            o.AppId = credentials ? FakeConnector.AppId : null;
            o.AppPassword = credentials ? password : null;
            o.TokenEndpoint = fake.TokenUrl;
        });
        services.Configure<ConnectorRetryOptions>(o =>
        {
            o.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.MaxDelay = TimeSpan.FromSeconds(2);
            o.Timeout = TimeSpan.FromSeconds(30);
        });
        services.AddTeamsConnector();
        return services.BuildServiceProvider();
    }
}
