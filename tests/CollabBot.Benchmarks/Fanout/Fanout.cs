using System.Diagnostics;
using System.Globalization;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Benchmarks.Fanout;

// A pulse to `members` people in `channels` team channels, delivered by the real host (Release
// build, its own process, SQLite, the outbox pump) to fake Slack / Teams services that enforce
// the published limits. The pulse's own jobs queue the messages (run here, against the same
// database, as Hangfire would run them in the host): phase "pulse" is the send job (one channel
// card per team) followed at once by the reminder job with nobody answered yet (one DM per
// member, the pulse's largest fan-out); phase "close" is the close job (each channel card
// updated to its closed state). Each phase is timed from its first job to the last message the
// fake accepted, and compared with the minimum the limits allow for exactly the queued rows.
internal static class Fanout
{
    public static async Task<int> RunAsync(string platforms, int members, int channels, int workspaces, int tenants, string dir, string synchronous)
    {
        Directory.CreateDirectory(dir);
        Console.WriteLine($"Fan-out: {members} members in {channels} channels; Slack over {workspaces} workspace(s), Teams over {tenants} tenant(s); "
            + $"SQLite synchronous={synchronous}; {Environment.ProcessorCount} cores shared with the driver and the fakes (and other work on this machine)");
        Console.WriteLine("| platform | phase | messages | requests | 429 | 429 share | lost | duplicated | completion (s) | minimum (s) | ratio | host CPU (s) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var ok = true;
        foreach (var platform in platforms == "both" ? ["slack", "teams"] : new[] { platforms })
            ok &= await RunPlatformAsync(platform == "slack" ? Platform.Slack : Platform.Teams, members, channels, platform == "slack" ? workspaces : tenants, dir, synchronous);
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunPlatformAsync(Platform platform, int members, int channels, int workspaces, string dir, string synchronous)
    {
        var runDir = Path.Combine(dir, $"fanout-{platform}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(runDir);
        var db = Path.Combine(runDir, "collabbot.db");
        await using var slack = platform == Platform.Slack ? await FanoutSlack.StartAsync() : null;
        await using var teams = platform == Platform.Teams ? await FanoutTeams.StartAsync() : null;
        var ledger = slack?.Ledger ?? teams!.Ledger;
        await FanoutProbe.CheckAsync(slack, teams);

        await using var services = FanoutSetup.Services(db, runDir);
        var seeded = await FanoutSetup.SeedAsync(services, platform, workspaces, channels, members / channels, teams is null ? null : teams.ServiceUrl);
        var settings = new Dictionary<string, string>
        {
            ["Delivery__Enabled"] = "true",
            ["Jobs__Enabled"] = "false",
            ["Slack__ApiBaseUrl"] = slack?.ApiBaseUrl ?? "http://127.0.0.1:9/api/",
        };
        foreach (var (k, v) in teams?.HostSettings ?? []) settings[k] = v;
        var port = SlackLoad.FreePort();
        Process? host = null;
        async Task<Process> StartHostAsync()
        {
            host = SlackLoadSetup.StartHost(db, runDir, port, synchronous, settings);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await SlackLoad.WaitUntilUpAsync(http);
            return host;
        }

        var jobs = services.GetRequiredService<PulseJobs>();
        string Key(FanoutTeam t, string target) => $"{t.Workspace}|{target}";
        var expectedPosts = seeded.SelectMany(t => t.Members.Select(m => Key(t, platform == Platform.Teams ? "a:1on1-" + m : m)).Append(Key(t, t.Channel))).ToList();
        // The host starts once the jobs have queued everything: the engine is measured, not how
        // fast this driver (competing for the same cores) writes rows.
        var ok = await PhaseAsync(platform, "pulse (send + reminders)", StartHostAsync, ledger, services, "post", expectedPosts, async () =>
        {
            foreach (var t in seeded) await jobs.SendAsync(t.TeamId);
            foreach (var t in seeded) await jobs.RemindAsync(t.TeamId);
        });
        ok &= await PhaseAsync(platform, "close (card updates)", () => Task.FromResult(host!), ledger, services, "update", seeded.Select(t => Key(t, t.Channel)).ToList(), async () =>
        {
            // Time has come for the close job: the rounds' close time is moved to now.
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<CollabDbContext>().Unscoped<PulseRound>()
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
            foreach (var t in seeded) await jobs.CloseAsync(t.TeamId);
        });

        host!.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(runDir, recursive: true);
        return ok;
    }

    // Timed from the first request the fake accepts to the last, as the minimum is.
    private static async Task<bool> PhaseAsync(Platform platform, string phase, Func<Task<Process>> ready, FakeLedger ledger, IServiceProvider services,
        string kind, List<string> expected, Func<Task> queue)
    {
        var (requests, throttled) = (ledger.Requests, ledger.Throttled);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var start = ledger.Now;
        await queue();
        var queued = (ledger.Now - start).TotalSeconds;
        var host = await ready();
        var cpu = SlackLoad.HostCpu(host);
        var rows = await RowsAsync(services, since, kind);
        var minimum = platform == Platform.Slack ? FanoutMinimum.Slack(rows) : FanoutMinimum.Teams(rows);
        var deadline = start + TimeSpan.FromSeconds(Math.Max(120, minimum * 3 + 60));
        while (ledger.Check(kind, expected).Lost > 0 && ledger.Now < deadline) await Task.Delay(100);
        var first = ledger.FirstDelivery(start);
        var completion = (ledger.LastDelivery - first).TotalSeconds;
        // A late duplicate (a retry after a lost answer) would arrive after the last first copy.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (lost, duplicated) = ledger.Check(kind, expected);
        var sent = ledger.Requests - requests;
        var refused = ledger.Throttled - throttled;
        var unsent = await UnsentAsync(services, since, kind);
        Console.WriteLine($"| {platform} | {phase} | {rows.Count} | {sent} | {refused} | {100.0 * refused / Math.Max(1, sent):F2} % | {lost} | {duplicated} | "
            + $"{completion:F1} | {minimum:F1} | {(minimum >= 1 ? (completion / minimum).ToString("F3", CultureInfo.InvariantCulture) : "—")} | {(SlackLoad.HostCpu(host) - cpu).TotalSeconds:F1} |");
        Console.Error.WriteLine($"  {platform} {phase}: the jobs took {queued:F1} s to queue {rows.Count} rows; first accepted {(first - start).TotalSeconds:F1} s after the first job");
        if (unsent.Count > 0) Console.WriteLine($"  outbox rows not sent: {string.Join("; ", unsent.Take(5))}");
        // The time bar (≤ 1.10 × the minimum) is for the pulse's fan-out; the close phase's
        // minimum is a few seconds set by burst sizes, so its ratio is shown but not judged.
        return lost == 0 && duplicated == 0 && unsent.Count == 0 && refused <= 0.01 * sent && (kind != "post" || completion <= 1.10 * minimum);
    }

    private static async Task<List<FanoutMinimum.Row>> RowsAsync(IServiceProvider services, DateTimeOffset since, string kind)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var rows = await db.Unscoped<OutboxMessage>().Where(m => m.Kind == kind)
            .Select(m => new { m.WorkspaceId, m.Kind, m.TargetKind, m.Target, m.CreatedAt }).ToListAsync();
        return rows.Where(m => m.CreatedAt >= since).Select(m => new FanoutMinimum.Row(m.WorkspaceId, m.Kind, m.TargetKind, m.Target)).ToList();
    }

    private static async Task<List<string>> UnsentAsync(IServiceProvider services, DateTimeOffset since, string kind)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var rows = await db.Unscoped<OutboxMessage>().Where(m => m.Kind == kind && m.Status != OutboxStatus.Sent)
            .Select(m => new { m.IdempotencyKey, m.Status, m.Error, m.CreatedAt }).ToListAsync();
        return rows.Where(m => m.CreatedAt >= since).Select(m => $"{m.IdempotencyKey} {m.Status} {m.Error}").ToList();
    }
}
