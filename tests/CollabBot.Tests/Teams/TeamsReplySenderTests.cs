using System.Net;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// A message is acknowledged once its work is committed; the reply follows through the
// Connector, so a slow or throttled Connector never holds the inbound request.
public sealed class TeamsReplySenderTests
{
    [Fact]
    public async Task A_message_is_acknowledged_while_the_connector_is_still_busy_with_its_reply()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        var release = new TaskCompletionSource();
        host.Connector.HoldNext(release.Task);

        var command = host.Command("29:1ben", "kudos <at>Ana</at> thanks for the intro", mentions: ("29:1ana", "Ana"));
        var response = await host.PostUnwaitedAsync(command.ToJsonString(), host.Bearer());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<KudosPost>().ToListAsync()));
        var sender = host.Services.GetRequiredService<CollabBot.Teams.Web.TeamsReplySender>();
        Assert.Equal(1, sender.Backlog);   // the reply is on its way, not lost
        release.SetResult();
        await sender.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("Kudos sent to Ana", TeamsEndpointTests.TextsOf(host.Sent()));
    }

    [Fact]
    public async Task With_the_reply_backlog_full_a_message_is_refused_before_any_work_and_its_retry_succeeds()
    {
        await using var host = await TeamsHost.StartAsync(s => s["Teams:ReplyBacklog"] = "1");
        await TeamsEndpointTests.InstallAsync(host);
        var release = new TaskCompletionSource();
        host.Connector.HoldNext(release.Task);
        Assert.Equal(HttpStatusCode.OK, (await host.PostUnwaitedAsync(host.Command("29:1ana", "help").ToJsonString(), host.Bearer())).StatusCode);

        var kudos = host.Command("29:1ben", "kudos <at>Ana</at> thanks for the intro", mentions: ("29:1ana", "Ana")).ToJsonString();
        var refused = await host.PostUnwaitedAsync(kudos, host.Bearer());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Empty(await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<KudosPost>().ToListAsync()));
        release.SetResult();
        await host.Services.GetRequiredService<CollabBot.Teams.Web.TeamsReplySender>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // The same activity again (the Connector's retry) is not taken for a duplicate: it was never done.
        Assert.Equal(HttpStatusCode.OK, (await host.PostRawAsync(kudos, host.Bearer())).StatusCode);
        Assert.Single(await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<KudosPost>().ToListAsync()));
    }
}
