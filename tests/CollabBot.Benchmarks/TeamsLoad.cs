using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Admin;
using Microsoft.Data.Sqlite;

namespace CollabBot.Benchmarks;

// Signed Teams traffic against the real host (Release build, its own process, SQLite), with
// SlackLoad's phases and table: a trivial endpoint, channel messages (`@CollabBot help`, acked
// once dispatched; the private reply follows through the Connector) and Action.Execute invokes
// (answered in the response). Every request carries a Bot Framework JWT the host really checks.
//
// Each message's reply costs two Connector calls (open the 1:1 chat, send), held to Teams'
// 30-per-second budget per app (ConnectorLimits.PerApp): replies drain at about 15 a second
// whatever the inbound rate, and the run reports how many left.
internal static class TeamsLoad
{
    private const int Teams = 500, TeamSize = 60;

    public static async Task<int> RunAsync(int rate, int messageRate, int seconds, int concurrency, string dir, string[] kinds, string verb, string synchronous)
    {
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, $"teams-load-{Guid.NewGuid():N}.db");
        var rounds = await TeamsLoadSetup.SeedAsync(db, Teams, TeamSize);
        await using var fakes = await TeamsLoadFakes.StartAsync();
        var port = SlackLoad.FreePort();
        using var host = SlackLoadSetup.StartHost(db, dir, port, synchronous, fakes.HostSettings);
        using var http = new HttpClient(SlackLoad.Handler())
        { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await SlackLoad.WaitUntilUpAsync(http);

        // One token for the whole run: minting costs the driver an RSA signature, and the
        // Connector itself reuses a token for its lifetime.
        var bearer = new AuthenticationHeaderValue("Bearer", fakes.Token());
        var activities = new TeamsLoadActivities(fakes.ServiceUrl, TeamsLoadFakes.AppId, Teams, TeamSize);
        HttpRequestMessage Post(JsonObject activity)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(activity.ToJsonString())) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = bearer;
            return request;
        }
        HttpRequestMessage Message() => Post(activities.Message());
        HttpRequestMessage Invoke() => Post(activities.Invoke(verb));
        HttpRequestMessage Answer() => Post(activities.Answer(rounds));
        HttpRequestMessage Trivial() => new(HttpMethod.Get, "/healthz");

        await ProbeAsync(http, Message, Invoke, fakes, verb == HomeView.Open);
        await SlackLoad.Warmup(http, 12000, Trivial, Invoke);
        if (kinds.Contains("message")) await SlackLoad.Warmup(http, 12000, Message);
        if (kinds.Contains("answer")) await SlackLoad.Warmup(http, 10000, Answer);
        var idle = await SlackLoad.SettleAsync(host);
        Console.WriteLine($"Teams load: {Teams} teams × {TeamSize} members on SQLite, host on 127.0.0.1:{port} ({idle:F0} ms/s CPU when idle), "
            + $"{Environment.ProcessorCount} cores shared with the driver (which also runs the fake Bot Framework login, token endpoint and Connector)");
        Console.WriteLine("| phase | kind | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | host CPU (µs/req) | driver CPU (µs/req) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");

        var errors = 0;
        async Task Measure(string phase, string kind, Func<Task<SlackLoad.Result>> run)
        {
            var (cpu, mine) = (SlackLoad.HostCpu(host), Process.GetCurrentProcess().TotalProcessorTime);
            var r = await run();
            errors += r.Errors;
            SlackLoad.Print(phase, kind, r, (SlackLoad.HostCpu(host) - cpu).TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - mine).TotalMilliseconds);
        }
        var phases = new (string Key, string Kind, Func<HttpRequestMessage> Make, int Rate)[]
        {
            ("trivial", "trivial GET /healthz", Trivial, rate),
            ("message", "message `@CollabBot help` (reply via Connector)", Message, messageRate),
            ("invoke", $"invoke adaptiveCard/action `{verb}`", Invoke, rate),
            ("answer", "pulse answer (dialog task/submit)", Answer, rate),
        }.Where(p => kinds.Contains(p.Key)).ToList();
        foreach (var (_, kind, make, r) in phases)
        {
            var requests = SlackLoad.Prepare(make, r, seconds);
            await SlackLoad.LeadInAsync(http, make, r);
            await Measure($"fixed {r}/s", kind, () => SlackLoad.FixedRateAsync(http, requests, r));
        }
        foreach (var (_, kind, make, _) in phases) await Measure($"saturation ×{concurrency}", kind, () => SlackLoad.SaturateAsync(http, make, concurrency, seconds));

        Console.WriteLine($"\nConnector: {fakes.Creates} 1:1 chats opened, {fakes.Sends} activities sent, {fakes.Unauthorized} refused; "
            + $"{fakes.TokensIssued} bot token(s) issued, signing keys fetched {fakes.KeyFetches} time(s); {activities.Messages} messages, {activities.Invokes} invokes sent");
        if (kinds.Contains("answer")) Console.WriteLine($"pulse answers stored: {await StoredAnswersAsync(db)} (one per member; a repeat is answered \"already answered\")");
        Console.WriteLine(errors == 0 ? "errors: none" : $"errors: {errors} requests did not get a 200");
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(dir, Path.GetFileName(db) + "*")) File.Delete(f);
        return errors == 0 && fakes.Unauthorized == 0 ? 0 : 1;
    }

    private static async Task<long> StoredAnswersAsync(string db)
    {
        await using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        await c.OpenAsync();
        await using var q = c.CreateCommand();
        q.CommandText = "SELECT COUNT(*) FROM PulseAnswerMarks";
        return (long)(await q.ExecuteScalarAsync())!;
    }

    // One of each before anything is timed: a run whose auth or routing is broken would
    // otherwise measure how fast the host says 401 or "unknown command".
    private static async Task ProbeAsync(HttpClient http, Func<HttpRequestMessage> message, Func<HttpRequestMessage> invoke, TeamsLoadFakes fakes, bool expectCard)
    {
        using (var r = await http.SendAsync(message()))
        {
            // The reply follows the 200; give it a few seconds to arrive.
            for (var i = 0; i < 50 && fakes.Sends == 0; i++) await Task.Delay(100);
            if (r.StatusCode != HttpStatusCode.OK || fakes.Sends != 1)
                throw new InvalidOperationException($"probe message: HTTP {(int)r.StatusCode}, {fakes.Sends} Connector sends (expected 200 and 1)");
        }
        using (var r = await http.SendAsync(invoke()))
        {
            var body = await r.Content.ReadAsStringAsync();
            if (r.StatusCode != HttpStatusCode.OK || (expectCard && !body.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal)))
                throw new InvalidOperationException($"probe invoke: HTTP {(int)r.StatusCode}, body {body[..Math.Min(body.Length, 300)]}");
        }
    }
}
