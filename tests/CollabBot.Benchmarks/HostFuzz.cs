using System.Net;
using CollabBot.Tests.Host.Fuzz;
using Microsoft.Data.Sqlite;

namespace CollabBot.Benchmarks;

// tests/scripts/fuzz.sh: the test suite's bad-input generator (Host/FuzzTests) against the real
// host process — Kestrel, not the in-process test server — for as long as asked, with a seed.
// The host serves Slack (signing secret known here, so mutated bodies get past verification)
// and Teams (tokens from the local Bot Framework login of TeamsLoadFakes), with the job server
// and its dashboard on. Besides every answer, it watches the host's log for errors and checks
// at the end that the process is still alive and answering.
internal static class HostFuzz
{
    public static async Task<int> RunAsync(int seconds, int seed, string dir)
    {
        // A directory of its own: the job server keeps hangfire.db there, and another benchmark
        // sharing it would share (and contend for) its locks.
        dir = Path.Combine(dir, $"fuzz-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "collabbot.db");
        var slackRounds = await SlackLoadSetup.SeedAsync(db, 3, 5);
        await TeamsLoadSetup.SeedAsync(db, 3, 5);
        await using var fakes = await TeamsLoadFakes.StartAsync();
        var port = SlackLoad.FreePort();
        var settings = new Dictionary<string, string>(fakes.HostSettings) { ["Logging__LogLevel__Default"] = "Error", ["Logging__LogLevel__Hangfire"] = "Error" };
        using var host = SlackLoadSetup.StartHost(db, dir, port, "FULL", settings);
        var errors = new List<string>();
        void Watch(object? _, System.Diagnostics.DataReceivedEventArgs e)
        {
            if (e.Data is { } line && (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)))
                lock (errors) errors.Add(line);
        }
        host.OutputDataReceived += Watch;
        host.ErrorDataReceived += Watch;
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await SlackLoad.WaitUntilUpAsync(http);

        var teamsRounds = new List<(long, long)>();
        await using (var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False"))
        {
            await c.OpenAsync();
            await using var q = c.CreateCommand();
            q.CommandText = "SELECT Id, TeamId FROM PulseRounds";
            await using var r = await q.ExecuteReaderAsync();
            while (await r.ReadAsync()) teamsRounds.Add((r.GetInt64(0), r.GetInt64(1)));
        }
        var targets = new FuzzTargets("TLOAD", "C0000", ["U0000000", "U0000001", "U0001002"], "UBOT", fakes.ServiceUrl + "response_url",
            TeamsIds.Tenant, TeamsIds.Channel(0), [TeamsIds.User(0, 0), TeamsIds.User(0, 1), TeamsIds.User(1, 2)], "28:" + TeamsLoadFakes.AppId, fakes.ServiceUrl,
            [.. slackRounds, .. teamsRounds], []);
        var token = fakes.Token();
        var runner = new FuzzRunner(http, SlackLoadSetup.SigningSecret, () => token, () => FuzzRunner.SqliteRowCountsAsync(db));
        Console.WriteLine($"Fuzzing the host on 127.0.0.1:{port} for {seconds} s with seed {seed}");
        var report = await runner.RunAsync(new FuzzCases(targets, 512 * 1024, 256 * 1024), seed, int.MaxValue, TimeSpan.FromSeconds(seconds), CancellationToken.None);

        var alive = !host.HasExited;
        var healthy = alive && (await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
        Console.WriteLine(FuzzRunner.Describe(report, seed));
        Console.WriteLine($"host process {(alive ? "alive" : "EXITED")}, /healthz {(healthy ? "200" : "not answering")}; errors in its log: {errors.Count}");
        foreach (var line in errors.Distinct().Take(20)) Console.WriteLine("  " + line);
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return report.Findings.Count == 0 && healthy && errors.Count == 0 ? 0 : 1;
    }
}
