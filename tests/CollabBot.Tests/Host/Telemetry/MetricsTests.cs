using System.Net;
using CollabBot.Core;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Retention;
using CollabBot.Core.Storage;
using CollabBot.Host.Jobs;
using CollabBot.Host.Storage;
using CollabBot.Tests.Support;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Telemetry;

// The meters are process-wide, so a host running beside this test would add to its counts:
// it runs alone, and compares scrapes taken before and after.
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsAlone;

[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    private const string Duration = "http_server_request_duration_seconds_count";
    private const string Rejected = "collabbot_auth_rejected_total";
    private const string Deliveries = "collabbot_outbox_deliveries_total";

    [Fact]
    public async Task Signed_requests_rejections_deliveries_jobs_and_digests_appear_in_the_scrape()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ObservedHost.StartAsync();
        var before = await host.ScrapeAsync();

        // Requests, per route and status.
        Assert.Equal(HttpStatusCode.OK, (await host.SlackCommandAsync("U0MAYA", "help")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SlackCommandAsync("U0MAYA", "pulse now")).StatusCode);
        // Refused: a wrong secret twice, a replayed (stale) request once; Teams without a token,
        // with a token that is not a JWT, and with a genuine token for another bot.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SlackCommandAsync("U0MAYA", "help", secret: "not-the-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SlackCommandAsync("U0MAYA", "help", secret: "not-the-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await host.SlackCommandAsync("U0MAYA", "help", timestamp: DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TeamsAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TeamsAsync("Bearer not-a-jwt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TeamsAsync(host.Identity.Bearer(c =>
        {
            c["aud"] = "00000000-0000-0000-0000-000000000bad";
            c["serviceurl"] = host.Connector.ServiceUrl;
        }))).StatusCode);

        // Outbox: everything "pulse now" queued is sent; then one message each throttled,
        // retried, failed for good and dead-lettered.
        var delivery = host.Services.GetRequiredService<OutboxDelivery>();
        await delivery.RunOnceAsync(ct);
        var rows = await QueryAsync(host, db => db.Unscoped<OutboxMessage>().ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        var template = rows.First(r => r.Kind == Outbox.Post);
        async Task DeliverOneAsync(string key, Action script, int attempts = 0)
        {
            await QueryAsync(host, async db =>
            {
                await db.QueueAsync(template.WorkspaceId, key, OutboxTarget.Channel, "C0SALES", CollabJson.Deserialize<Card>(template.PayloadJson),
                    DateTimeOffset.UtcNow.AddSeconds(-1));
                await db.SaveChangesAsync();
                return await db.Unscoped<OutboxMessage>().Where(m => m.IdempotencyKey == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts));
            });
            script();
            Assert.Equal(1, await delivery.RunOnceAsync(ct));
        }
        await DeliverOneAsync("m:throttled", () => host.Slack.NextRateLimit("chat.postMessage", 30));
        await DeliverOneAsync("m:retry", () => host.Slack.NextError("chat.postMessage", "internal_error"));
        await DeliverOneAsync("m:failed", () => host.Slack.NextError("chat.postMessage", "channel_not_found"));
        await DeliverOneAsync("m:dead", () => host.Slack.NextError("chat.postMessage", "internal_error"), attempts: OutboxDelivery.MaxAttempts - 1);

        // The weekly digest, run twice: the second run posts nothing and counts nothing. The team
        // is made to have existed last week: no digest is made for a week before the team.
        await QueryAsync(host, db => db.Unscoped<Team>().ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow.AddDays(-15))));
        var team = await QueryAsync(host, db => db.Unscoped<Team>().SingleAsync());
        var managers = await QueryAsync(host, db => db.Unscoped<Member>().CountAsync(m => m.TeamId == team.Id && m.Active && m.IsManager));
        var digests = host.Services.GetRequiredService<DigestJobs>();
        Assert.NotNull(await digests.WeeklyAsync(team.Id, ct));
        Assert.NotNull(await digests.WeeklyAsync(team.Id, ct));

        // A job performed by Hangfire's own performer with the host's filter and activator.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        var storage = JobsSetup.CreateStorage(new StorageOptions { DataDirectory = host.DataDirectory });
        using (var connection = storage.GetConnection())
        {
            var performer = new BackgroundJobPerformer(new JobFilterCollection { new JobMetricsFilter() },
                new Hangfire.AspNetCore.AspNetCoreJobActivator(host.Services.GetRequiredService<IServiceScopeFactory>()), TaskScheduler.Default);
            var job = Job.FromExpression<RetentionJob>(r => r.PurgeAsync(CancellationToken.None));
            performer.Perform(new PerformContext(storage, connection, new BackgroundJob("1", job, DateTime.UtcNow), new JobCancellationToken(false)));
            var failing = Job.FromExpression(() => FailingJob.Run());
            Assert.ThrowsAny<Exception>(() =>
                performer.Perform(new PerformContext(storage, connection, new BackgroundJob("2", failing, DateTime.UtcNow), new JobCancellationToken(false))));
        }
        (storage as IDisposable)?.Dispose();

        // The request duration is recorded as the response completes, a moment after the client has it.
        var after = await host.ScrapeAsync();
        for (var i = 0; i < 50 && Delta(after, Duration, ("http_route", "/api/messages"), ("http_response_status_code", "401")) < 3; i++)
        {
            await Task.Delay(100, ct);
            after = await host.ScrapeAsync();
        }
        double Delta(Scrape now, string name, params (string, string)[] labels) => now.Value(name, labels) - before.Value(name, labels);

        Assert.Equal(2, Delta(after, Duration, ("http_route", "/slack/commands"), ("http_response_status_code", "200"), ("http_request_method", "POST")));
        Assert.Equal(3, Delta(after, Duration, ("http_route", "/slack/commands"), ("http_response_status_code", "401")));
        Assert.Equal(3, Delta(after, Duration, ("http_route", "/api/messages"), ("http_response_status_code", "401")));
        Assert.True(after.Has("http_server_request_duration_seconds_bucket", ("http_route", "/slack/commands"), ("le", "0.05")));

        Assert.Equal(2, Delta(after, Rejected, ("platform", "slack"), ("reason", "mismatch")));
        Assert.Equal(1, Delta(after, Rejected, ("platform", "slack"), ("reason", "stale")));
        Assert.Equal(1, Delta(after, Rejected, ("platform", "teams"), ("reason", "no_bearer_token")));
        Assert.Equal(1, Delta(after, Rejected, ("platform", "teams"), ("reason", "malformed_token")));
        Assert.Equal(1, Delta(after, Rejected, ("platform", "teams"), ("reason", "wrong_audience")));

        Assert.Equal(rows.Count, Delta(after, Deliveries, ("platform", "slack"), ("outcome", "sent")));
        foreach (var outcome in new[] { "throttled", "retry", "failed", "dead_letter" })
            Assert.Equal(1, Delta(after, Deliveries, ("platform", "slack"), ("outcome", outcome)));

        Assert.Equal(1, Delta(after, "collabbot_digests_scored_total"));
        Assert.Equal(1, Delta(after, "collabbot_digests_posted_total", ("audience", "channel")));
        Assert.Equal(managers, Delta(after, "collabbot_digests_posted_total", ("audience", "manager")));
        Assert.True(managers > 0);

        Assert.Equal(1, Delta(after, "collabbot_job_duration_seconds_count", ("job", "RetentionJob.PurgeAsync"), ("outcome", "succeeded")));
        Assert.Equal(1, Delta(after, "collabbot_job_duration_seconds_count", ("job", "FailingJob.Run"), ("outcome", "failed")));
        Assert.True(after.Has("collabbot_retention_purged_total", ("kind", "outbox")));
        Assert.True(after.Has("dotnet_process_memory_working_set_bytes"));

        // Labels carry no user, channel, workspace or token.
        foreach (var secret in new[] { "U0MAYA", "C0SALES", "T0ACME", FakeSlack.Token, "not-a-jwt" }) Assert.DoesNotContain(secret, after.Text);
    }

    // Through the real socket: this machine gets the scrape; the same request relayed by a
    // proxy, or with metrics turned off, gets the 404 of any unknown path.
    [Fact]
    public async Task The_scrape_answers_this_machine_and_not_a_relayed_request()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var host = await ObservedHost.StartAsync())
        {
            var direct = await host.Client.GetAsync("/metrics", ct);
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
            Assert.StartsWith("text/plain", direct.Content.Headers.ContentType?.ToString());
            using var relayed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            relayed.Headers.Add("X-Forwarded-For", "203.0.113.9");
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(relayed, ct)).StatusCode);
        }
        await using (var off = await ObservedHost.StartAsync(s => s["Metrics:Enabled"] = "false"))
            Assert.Equal(HttpStatusCode.NotFound, (await off.Client.GetAsync("/metrics", ct)).StatusCode);
    }

    private static async Task<T> QueryAsync<T>(ObservedHost host, Func<CollabDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabDbContext>());
    }
}

public sealed class FailingJob
{
    public static void Run() => throw new InvalidOperationException("a job that fails");
}
