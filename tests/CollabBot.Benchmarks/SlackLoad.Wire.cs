using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Pulse;
using CollabBot.Slack.Wire;

namespace CollabBot.Benchmarks;

// What the load runs send and how they find the host: signed Slack requests, a pulse answer as
// Slack submits it, a free port, the host's health check.
internal static partial class SlackLoad
{
    // Connections are opened before a phase, as wrk does (-c; here up to 64: 64 requests at once,
    // though a fast reply may free one for another): a .NET pool otherwise opens them
    // in the middle of a phase, whenever a pause of either process (a GC of 18 ms) leaves more
    // requests in flight than it has connections, and the connects, accepts and first use of
    // the new ones stretched that pause into an 85 ms stall (runtime events of both sides).
    internal const int Connections = 64;

    internal static async Task OpenConnectionsAsync(HttpClient http)
    {
        using var start = new SemaphoreSlim(0);
        var all = Enumerable.Range(0, Connections).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await http.GetAsync("/healthz");
        }).ToList();
        start.Release(Connections);
        await Task.WhenAll(all);
    }

    // Open connections stay in the pool through a run (idle ones would close after a minute),
    // and there are never more of them, as with wrk -c: a request that finds all of them busy
    // waits for one, and the wait counts (latency runs from the request's due time). With room
    // for more, a pause of the driver's own (a GC) would make it connect anew mid-phase, and
    // those connects and the host's accepts, on paths not run since the first connections,
    // stall the phase: a cost of the driver, not of the host.
    internal static SocketsHttpHandler Handler() => new()
    {
        MaxConnectionsPerServer = Connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(30),
    };

    internal static HttpRequestMessage Signed(string path, string body, string contentType)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(Secret, ts, bytes));
        return request;
    }

    // As Slack sends it back: the modal's private_metadata holds the round and the team ("t").
    internal static string Submission(string user, (long Round, long Team) open) => new JsonObject
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = "TLOAD" },
        ["user"] = new JsonObject { ["id"] = user },
        ["view"] = new JsonObject
        {
            ["callback_id"] = PulseActions.Submit,
            ["private_metadata"] = $"r={open.Round}&t={open.Team}",
            ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Weekly pulse" },
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject([.. PulseBank.All.Select(q => new KeyValuePair<string, JsonNode?>(q.Key,
                new JsonObject { [q.Key] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = "4" } } }))])
            },
        },
    }.ToJsonString();

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    internal static async Task WaitUntilUpAsync(HttpClient http)
    {
        // Two minutes: on a machine shared with busy builds a Release host took over 30 s to start.
        for (var i = 0; i < 1200; i++)
        {
            try { if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the host did not start");
    }
}
