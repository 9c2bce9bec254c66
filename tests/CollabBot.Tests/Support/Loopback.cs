using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Tests.Support;

// A fake platform on a real loopback socket (a free port): its routes are mapped first, then
// the fake is made with the address the server got; routes reach it through `fake()`.
internal static class Loopback
{
    public static async Task<T> StartAsync<T>(Action<WebApplication, Func<T>> map, Func<WebApplication, string, T> create) where T : class
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        T? fake = null;
        map(app, () => fake!);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake = create(app, url);
    }
}
