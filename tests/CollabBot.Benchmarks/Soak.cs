using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Admin;
using Microsoft.Data.Sqlite;

namespace CollabBot.Benchmarks;

// tests/scripts/soak.sh: one real host process on SQLite, both platforms, mixed traffic at a
// fixed rate for a long time (open loop: latency counts from when a request was due). Slack:
// signed slash commands and pulse answers (view_submission); Teams: Action.Execute invokes
// (the App Home) and channel messages, each with a Bot Framework token the host checks.
// Messages are kept under the Connector budget (ConnectorLimits: ~15 answered messages a
// second). Reports errors, p50/p99 per kind and the host's RSS (VmRSS) through the run.
internal static class Soak
{
    private const int Teams = 500, TeamSize = 40;

    // Shares of the traffic, in percent.
    private static readonly (string Kind, int Share)[] Mix =
        [("slack command", 30), ("slack pulse answer", 25), ("teams invoke home.open", 42), ("teams message", 3)];

    public static async Task<int> RunAsync(int rate, int seconds, string dir)
    {
        // A directory of its own: the job server keeps hangfire.db there, and another benchmark
        // sharing it would share (and contend for) its locks.
        dir = Path.Combine(dir, $"soak-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "collabbot.db");
        var rounds = await SlackLoadSetup.SeedAsync(db, Teams, TeamSize);
        await TeamsLoadSetup.SeedAsync(db, Teams, TeamSize);
        await using var fakes = await TeamsLoadFakes.StartAsync();
        var port = SlackLoad.FreePort();
        using var host = SlackLoadSetup.StartHost(db, dir, port, "FULL", fakes.HostSettings);
        using var http = new HttpClient(SlackLoad.Handler())
        { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await SlackLoad.WaitUntilUpAsync(http);

        var bearer = new AuthenticationHeaderValue("Bearer", fakes.Token());
        var activities = new TeamsLoadActivities(fakes.ServiceUrl, TeamsLoadFakes.AppId, Teams, TeamSize);
        int commands = 0, answers = 0;
        HttpRequestMessage Activity(JsonObject activity)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(activity.ToJsonString())) };
            r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            r.Headers.Authorization = bearer;
            return r;
        }
        HttpRequestMessage Make(string kind)
        {
            switch (kind)
            {
                case "slack command":
                    var i = Interlocked.Increment(ref commands);
                    return SlackLoad.Signed("/slack/commands", $"team_id=TLOAD&channel_id=C{i % Teams:D4}&user_id=U{i % Teams:D4}{i / Teams % TeamSize:D3}&command=%2Fcollab&text="
                        + (i % 2 == 0 ? "help" : "goal+list"), "application/x-www-form-urlencoded");
                case "slack pulse answer":
                    var a = Interlocked.Increment(ref answers) - 1;
                    var (team, member) = (a % Teams, a / Teams % TeamSize);
                    return SlackLoad.Signed("/slack/interactions", "payload=" + Uri.EscapeDataString(SlackLoad.Submission($"U{team:D4}{member:D3}", rounds[team])),
                        "application/x-www-form-urlencoded");
                case "teams message":
                    return Activity(activities.Message());
                default:
                    return Activity(activities.Invoke(HomeView.Open));
            }
        }
        var schedule = Enumerable.Range(0, 100).Select(n => Mix.First(m => n < Mix.TakeWhile(x => x != m).Sum(x => x.Share) + m.Share).Kind).ToArray();

        // Warm-up (JIT and its tiering, caches, connection pool): 3,200 of each kind, then the measured run.
        foreach (var kind in Mix.Select(m => m.Kind).Where(k => k != "teams message"))
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => { for (var n = 0; n < 400; n++) (await http.SendAsync(Make(kind))).Dispose(); }));
        Console.WriteLine($"Soak: {rate} req/s for {seconds} s against one host (pid {host.Id}) on 127.0.0.1:{port}, SQLite synchronous=FULL, "
            + $"Slack and Teams, {Teams} teams × {TeamSize} members each; {Environment.ProcessorCount} cores shared with the driver");

        var latencies = schedule.Distinct().ToDictionary(k => k, _ => new ConcurrentBag<double>());
        var failures = schedule.Distinct().ToDictionary(k => k, _ => 0);
        var statuses = new ConcurrentDictionary<string, int>();
        var rss = new List<(double At, long Kb)> { (0, Rss(host.Id)) };
        var clock = Stopwatch.StartNew();
        var total = rate * seconds;
        var tasks = new List<Task>(total);
        var nextSample = 1;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            if (clock.Elapsed.TotalSeconds >= nextSample * seconds / 10.0) { rss.Add((clock.Elapsed.TotalSeconds, Rss(host.Id))); nextSample++; }
            var kind = schedule[i % schedule.Length];
            tasks.Add(SendAsync(http, Make(kind), due, clock, latencies[kind], code =>
            {
                statuses.AddOrUpdate($"{kind}: {code}", 1, (_, n) => n + 1);
                lock (failures) failures[kind]++;
            }));
        }
        await Task.WhenAll(tasks);
        rss.Add((clock.Elapsed.TotalSeconds, Rss(host.Id)));

        Console.WriteLine("| kind | requests | errors | p50 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (kind, bag) in latencies.Append(new("all", new ConcurrentBag<double>(latencies.Values.SelectMany(b => b)))))
        {
            var l = bag.Order().ToList();
            var errors = kind == "all" ? failures.Values.Sum() : failures[kind];
            double P(double q) => l.Count == 0 ? double.NaN : l[Math.Min(l.Count - 1, (int)Math.Ceiling(q * l.Count) - 1)];
            Console.WriteLine($"| {kind} | {l.Count + errors} | {errors} | {P(0.5):F2} | {P(0.99):F2} | {(l.Count == 0 ? 0 : l[^1]):F1} |");
        }
        foreach (var (what, n) in statuses) Console.WriteLine($"  not 200: {what} ×{n}");
        Console.WriteLine("host RSS (MB) at " + string.Join(", ", rss.Select(r => $"{r.At:F0} s: {r.Kb / 1024.0:F0}")));
        var middle = rss.MinBy(r => Math.Abs(r.At - seconds / 2.0));
        Console.WriteLine($"RSS start / middle / end: {rss[0].Kb / 1024.0:F0} / {middle.Kb / 1024.0:F0} / {rss[^1].Kb / 1024.0:F0} MB "
            + $"(start: after warm-up, as the measured run begins); Connector: {fakes.Sends} sends, {fakes.Unauthorized} refused");
        var alive = !host.HasExited;
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return alive && failures.Values.Sum() == 0 ? 0 : 1;
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan due, Stopwatch clock, ConcurrentBag<double> latencies, Action<string> error)
    {
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if (response.StatusCode == HttpStatusCode.OK) latencies.Add((clock.Elapsed - due).TotalMilliseconds);
            else error(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException e) { error(e.GetType().Name); }
        catch (TaskCanceledException e) { error(e.GetType().Name); }
    }

    // Resident set size of a process, from /proc/PID/status (kB).
    internal static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
