using System.Net;
using System.Net.Http.Json;

namespace CollabBot.Benchmarks.Fanout;

// Before a run, proof that the fakes enforce what the minimum is computed from (a fake that let
// everything through would make the run meaningless): bursts straight at them, on a workspace
// and a tenant the run does not use, must be cut exactly where the limits say.
internal static class FanoutProbe
{
    public static async Task CheckAsync(FanoutSlack? slack, FanoutTeams? teams)
    {
        using var http = new HttpClient();
        if (slack is not null)
        {
            async Task<HttpStatusCode> Post(string channel, int workspace)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, slack.ApiBaseUrl + "chat.postMessage")
                { Content = JsonContent.Create(new { channel, blocks = Array.Empty<object>() }) };
                request.Headers.Authorization = new("Bearer", FanoutSlack.Token(workspace));
                using var response = await http.SendAsync(request);
                return response.StatusCode;
            }
            // One channel: its burst, then 429. Distinct DMs (another workspace): the workspace's burst, then 429.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var channel = await Task.WhenAll(Enumerable.Range(0, FanoutSlack.ChannelBurst + 3).Select(_ => Post("CPROBE", 9998)));
            Expect("Slack per-channel burst", channel, FanoutSlack.ChannelBurst, clock.Elapsed.TotalSeconds * 1);
            clock.Restart();
            var workspace = await Task.WhenAll(Enumerable.Range(0, FanoutSlack.PostBurst + 5).Select(i => Post($"UPROBE{i}", 9999)));
            Expect("Slack per-workspace burst", workspace, FanoutSlack.PostBurst, clock.Elapsed.TotalSeconds * FanoutSlack.PostPerMinute / 60.0);
        }
        if (teams is not null)
        {
            await http.PostAsync(teams.BaseUrl + "/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>()));
            async Task<HttpStatusCode> Send(string tenant, string conversation)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{teams.ServiceUrl(tenant)}v3/conversations/{conversation}/activities")
                { Content = JsonContent.Create(new { type = "message", attachments = Array.Empty<object>() }) };
                request.Headers.Authorization = new("Bearer", FanoutTeams.BotToken);
                using var response = await http.SendAsync(request);
                return response.StatusCode;
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var thread = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Send("probe1", "a:1on1-probe")));
            Expect("Teams per-thread 7 a second", thread, 7, clock.Elapsed.TotalSeconds >= 1 ? 100 : 0);
            clock.Restart();
            var tenant = await Task.WhenAll(Enumerable.Range(0, FanoutTeams.TenantPerSecond + 5).Select(i => Send("probe2", $"a:1on1-probe{i}")));
            Expect("Teams per-tenant 30 a second", tenant, FanoutTeams.TenantPerSecond, clock.Elapsed.TotalSeconds >= 1 ? 100 : 0);
        }
    }

    // `admitted` answered 200 and the rest 429, give or take what the budget regained while the
    // burst was on its way (`refilled`; a probe slower than a whole window proves nothing).
    private static void Expect(string what, HttpStatusCode[] answers, int admitted, double refilled)
    {
        var okCount = answers.Count(a => a == HttpStatusCode.OK);
        var refused = answers.Count(a => a == HttpStatusCode.TooManyRequests);
        if (okCount < admitted || okCount > admitted + Math.Floor(refilled) || okCount + refused != answers.Length)
            throw new InvalidOperationException($"fake self-check failed: {what}: {okCount} admitted, {refused} refused of {answers.Length}, expected {admitted}");
        Console.WriteLine($"self-check: {what}: {okCount} of {answers.Length} admitted (budget {admitted}), the rest 429");
    }
}
