using System.Net;
using System.Text.Json;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Host.Jobs;
using CollabBot.Host.Storage;
using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CollabBot.Benchmarks;

// Two real hosts on one PostgreSQL database (tests/scripts/two-instances.sh), Hangfire on in
// both. Every team's scheduled jobs are due when the hosts start (written with a clock a week
// back, as after downtime); then signed Slack and Teams traffic goes to both hosts in turn,
// with platform retries sent to the other host. Checked: each scheduled job ran once, each
// outbox row reached its platform once, every answer and kudos landed once.
internal static class TwoInstances
{
    private const int TeamCount = 2, Members = 6;

    public static async Task<int> RunAsync(string hostDll, string server, string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        await using var platforms = await RecordingPlatforms.StartAsync();
        platforms.SlackDelay = TimeSpan.FromMilliseconds(20);
        var connectionString = $"{server};Database=collabbot_two_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>(platforms.HostSettings)
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = connectionString,
            ["Storage__DataDirectory"] = dir,
            ["DataProtection__KeysDirectory"] = Path.Combine(dir, "keys"),
            ["Privacy__PseudonymKey"] = SlackLoadSetup.PseudonymKey,
            ["Slack__SigningSecret"] = SlackLoadSetup.SigningSecret,
            ["Jobs__Enabled"] = "true",
            ["Jobs__WorkerCount"] = "2",
        };
        await using var services = FanoutSeed.Services(settings);
        var hosts = new List<HostProcess>();
        try
        {
            var (_, teamIds) = await FanoutSeed.SeedAsync(services, platforms, TeamCount, Members, fanout: false);
            var jobIds = await ScheduleDueAsync(services, connectionString, teamIds);
            Console.WriteLine($"two-instances: {teamIds.Count} teams, {jobIds.Count} scheduled jobs due now; starting two hosts on one PostgreSQL database");
            hosts.Add(HostProcess.Start(hostDll, "host-a", CrashFanout.FreePort(), settings, dir));
            hosts.Add(HostProcess.Start(hostDll, "host-b", CrashFanout.FreePort(), settings, dir));
            await Task.WhenAll(hosts.Select(h => h.WaitReadyAsync(TimeSpan.FromSeconds(90))));

            var runs = await WaitAsync(TimeSpan.FromSeconds(120), async () =>
            {
                var r = await JobRunsAsync(connectionString);
                return jobIds.All(id => r.Any(x => x.Id == id && x.State is "Succeeded" or "Failed")) ? r : null;
            });
            if (runs is null) return Fail($"not every scheduled job ran within 2 minutes\n{hosts[0].Tail()}\n{hosts[1].Tail()}");

            var expected = await DriveTrafficAsync(services, platforms, hosts, teamIds);
            if (expected.Problem is { } problem) return Fail(problem);
            var drained = await WaitAsync(TimeSpan.FromSeconds(90), async () =>
                (await RowsAsync(services)).All(r => r.Row.Status is OutboxStatus.Sent or OutboxStatus.Failed or OutboxStatus.DeadLetter) ? "" : null);
            if (drained is null) return Fail("the outbox did not drain");
            return await VerifyAsync(services, platforms, jobIds, await JobRunsAsync(connectionString), expected.Kudos, expected.Answers);
        }
        finally
        {
            foreach (var host in hosts) host.Dispose();
            NpgsqlConnection.ClearAllPools();
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CollabDbContext>().Database.EnsureDeletedAsync();
        }
    }

    // The team schedules as the hosts write them, but computed a week ago: every job is due.
    private static async Task<List<string>> ScheduleDueAsync(IServiceProvider services, string connectionString, List<long> teamIds)
    {
        GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
        var storage = JobsSetup.CreateStorage(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString });
        var weekAgo = DateTime.UtcNow.AddDays(-8);
        var scheduler = new HangfireTeamScheduler(new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => weekAgo));
        await using var scope = services.CreateAsyncScope();
        var teams = await scope.ServiceProvider.GetRequiredService<CollabDbContext>().Unscoped<Team>().Where(t => teamIds.Contains(t.Id)).ToListAsync();
        var ids = new List<string>();
        foreach (var team in teams)
        {
            var schedule = TeamSchedule.For(team);
            await scheduler.ApplyAsync(team.Id, schedule);
            ids.AddRange(schedule.Select(j => j.Id));
        }
        return ids;
    }

    private static async Task<(string? Problem, int Kudos, int Answers)> DriveTrafficAsync(IServiceProvider services, RecordingPlatforms platforms,
        List<HostProcess> hosts, List<long> teamIds)
    {
        var traffic = new TwoInstanceTraffic(platforms);
        var clients = hosts.Select(h => new HttpClient { BaseAddress = new Uri(h.Url) }).ToArray();
        var problems = new List<string>();
        async Task Send(int host, HttpRequestMessage request, string what)
        {
            using var response = await clients[host % 2].SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK) problems.Add($"{what} to {hosts[host % 2].Name}: {(int)response.StatusCode}");
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var (answers, kudos) = (0, 0);
        for (var t = 0; t < TeamCount; t++)
        {
            var slackTeam = teamIds[2 * t];
            var round = await db.Unscoped<PulseRound>().Where(r => r.TeamId == slackTeam).OrderByDescending(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync();
            if (round == 0) return ($"the pulse-send job left Slack team {slackTeam} without a round", 0, 0);
            for (var m = 0; m < Members; m++, answers++) await Send(m, TwoInstanceTraffic.SlackAnswer(t, m, round, slackTeam), "pulse answer");
            await Send(1, TwoInstanceTraffic.SlackAnswer(t, 0, round, slackTeam), "pulse answer sent again");   // the same member, the other host
            await Send(0, traffic.SlackKudos(t, 0, 1), "Slack kudos");
            await Send(1, traffic.SlackKudos(t, 2, 3), "Slack kudos");
            var mention = $"Ev-two-{t}";
            await Send(0, TwoInstanceTraffic.SlackMentionEvent(mention, t, 4, 5), "Slack event");
            await Send(1, TwoInstanceTraffic.SlackMentionEvent(mention, t, 4, 5), "Slack event retried");   // Slack's retry, to the other host
            var first = traffic.TeamsKudos(t, 0, 1);
            await Send(0, traffic.Teams(first), "Teams kudos");
            await Send(1, traffic.Teams(traffic.TeamsKudos(t, 2, 3)), "Teams kudos");
            await Send(1, traffic.Teams(first), "Teams activity retried");   // the Connector's retry, to the other host
            kudos += 5;
        }
        foreach (var c in clients) c.Dispose();
        return (problems.Count > 0 ? string.Join("\n", problems) : null, kudos, answers);
    }

    private static async Task<int> VerifyAsync(IServiceProvider services, RecordingPlatforms platforms, List<string> jobIds,
        List<(string Id, string State)> runs, int kudos, int answers)
    {
        var problems = new List<string>();
        foreach (var id in jobIds)
        {
            var mine = runs.Where(r => r.Id == id).ToList();
            if (mine.Count != 1 || mine[0].State != "Succeeded") problems.Add($"job {id}: {mine.Count} runs ({string.Join(", ", mine.Select(r => r.State))})");
        }
        var rows = await RowsAsync(services);
        problems.AddRange(rows.Where(r => r.Row.Status != OutboxStatus.Sent).Select(r => $"{r.Row.IdempotencyKey} ended {r.Row.Status}: {r.Row.Error}"));
        var posts = rows.Where(r => r.Row.Kind == Outbox.Post && r.Row.PlatformMessageId is not null).ToList();
        var slack = platforms.Of("slack").ToList();
        var teamsAll = platforms.Of("teams").Select(d => $"{d.Conversation}|{d.Id}").ToList();
        var outboxIds = posts.Select(p => p.Row.PlatformMessageId).ToHashSet();
        // The answer to a Teams command goes to the sender's 1:1 chat at once, not through the
        // outbox: one per distinct activity, none for the retry that reached the other host.
        var replies = teamsAll.Where(t => !outboxIds.Contains(t)).ToList();
        if (replies.Count != TeamCount * 2) problems.Add($"Teams direct replies: {replies.Count}, for {TeamCount * 2} distinct activities: {string.Join(", ", replies)}");
        var teams = teamsAll.Where(outboxIds.Contains).ToList();
        foreach (var (row, platform) in posts)
        {
            var n = platform == Platform.Slack ? slack.Count(d => d.Key == row.IdempotencyKey) : teams.Count(d => d == row.PlatformMessageId);
            if (n != 1) problems.Add($"{platform} {row.IdempotencyKey}: delivered {n} times");
        }
        var unexplained = slack.Count + teams.Count - posts.Count;
        if (unexplained != 0)
        {
            var keys = posts.Select(p => p.Row.IdempotencyKey).ToHashSet();
            var strays = slack.Where(d => !keys.Contains(d.Key)).Select(d => $"slack {d.Key} to {d.Conversation} ({d.EventType ?? "no metadata"})");
            problems.Add($"{unexplained} deliveries no outbox row explains: {string.Join("; ", strays)}");
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var (storedKudos, answered) = (await db.Unscoped<KudosPost>().CountAsync(), await db.Unscoped<PulseAnswerMark>().CountAsync());
        if (storedKudos != kudos) problems.Add($"kudos: {storedKudos} stored, {kudos} given");
        if (answered != answers) problems.Add($"pulse answers: {answered} stored, {answers} members answered");
        Console.WriteLine($"two-instances: {jobIds.Count} scheduled jobs, {runs.Count(r => jobIds.Contains(r.Id))} runs; {posts.Count} messages delivered " +
            $"({slack.Count} Slack, {teams.Count} Teams) plus {replies.Count} Teams replies; {storedKudos} kudos and {answered} pulse answers stored of {kudos} and {answers} sent to alternating hosts (retries to the other host)");
        if (problems.Count == 0)
        {
            Console.WriteLine("two-instances: PASS");
            return 0;
        }
        return Fail(string.Join("\n", problems.Take(30)));
    }

    // Jobs Hangfire created from recurring jobs, with their state: one per run of a schedule.
    private static async Task<List<(string Id, string State)>> JobRunsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT p.value, j.statename FROM {JobsSetup.PostgresSchema}.jobparameter p JOIN {JobsSetup.PostgresSchema}.job j ON j.id = p.jobid
            WHERE p.name = 'RecurringJobId'
            """, connection);
        var result = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add((JsonSerializer.Deserialize<string>(reader.GetString(0))!, reader.IsDBNull(1) ? "" : reader.GetString(1)));
        return result;
    }

    private static async Task<List<(OutboxMessage Row, Platform Platform)>> RowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var platforms = await db.Unscoped<Workspace>().ToDictionaryAsync(w => w.Id, w => w.Platform);
        return (await db.Unscoped<OutboxMessage>().AsNoTracking().ToListAsync()).Select(r => (r, platforms[r.WorkspaceId])).ToList();
    }

    private static async Task<T?> WaitAsync<T>(TimeSpan timeout, Func<Task<T?>> probe) where T : class
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } done) return done;
            await Task.Delay(500);
        }
        return null;
    }

    private static int Fail(string why)
    {
        Console.WriteLine("two-instances: FAIL\n" + why);
        return 1;
    }
}
