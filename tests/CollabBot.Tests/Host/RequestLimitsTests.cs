using CollabBot.Host;
using CollabBot.Slack.Web;
using CollabBot.Teams.Web;
using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabBot.Tests.Host;

public sealed class RequestLimitsTests
{
    [Fact]
    public async Task Kestrel_takes_at_most_one_mebibyte_and_every_endpoint_limit_fits_under_it()
    {
        await using var host = await SlackHost.StartAsync();
        var kestrel = host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.Equal(RequestLimits.MaxBodyBytes, kestrel.Limits.MaxRequestBodySize);
        Assert.All(RequestLimits.PerEndpoint.Values, limit => Assert.True(limit < RequestLimits.MaxBodyBytes));
        Assert.Equal(512 * 1024, SlackRequest.MaxBodyBytes);
        Assert.Equal(256 * 1024, TeamsEndpoint.MaxBodyBytes);
    }
}
