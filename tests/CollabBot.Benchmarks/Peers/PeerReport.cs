using System.Globalization;

namespace CollabBot.Benchmarks.Peers;

// The run table, then per platform the median over rounds of each side and the ratios, and the
// issue's targets reported (not asserted): whether they held on this machine, this time.
internal static class PeerReport
{
    internal sealed record Run(string Platform, string Side, int Round, int Ok, int Errors, double Rps, double P50, double P99,
        double CpuUs, double DriverUs, int Posts, string? Connector);

    public static void Header(int connections, int seconds)
    {
        Console.WriteLine($"\nRuns: {seconds} s each, closed loop at {connections} connections, {Environment.ProcessorCount} cores shared by every process and the driver");
        Console.WriteLine("| round | platform | side | 200s | errors | req/s | p50 (ms) | p99 (ms) | server CPU (µs/req) | driver CPU (µs/req) | Connector posts |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    }

    public static void Row(Run r) => Console.WriteLine(
        $"| {r.Round} | {r.Platform} | {r.Side} | {r.Ok} | {r.Errors} | {r.Rps:F0} | {r.P50:F2} | {r.P99:F2} | {r.CpuUs:F0} | {r.DriverUs:F0} | {(r.Connector is null ? "–" : r.Posts.ToString(CultureInfo.InvariantCulture))} |");

    public const string Answer = "Slack answer";

    public static int Summary(List<Run> runs, PeerFakes fakes, int connections, (long Sent, long Stored, int Capacity)? answers)
    {
        static double Median(IEnumerable<double> xs)
        {
            var s = xs.Order().ToList();
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        }
        Console.WriteLine("\nMedians over rounds:");
        Console.WriteLine("| platform | side | req/s | p99 (ms) | server CPU (µs/req) |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        var medians = runs.GroupBy(r => (r.Platform, r.Side)).Select(g => (g.Key.Platform, g.Key.Side,
            Rps: Median(g.Select(r => r.Rps)), P99: Median(g.Select(r => r.P99)), Cpu: Median(g.Select(r => r.CpuUs)))).ToList();
        foreach (var m in medians) Console.WriteLine($"| {m.Platform} | {m.Side} | {m.Rps:F0} | {m.P99:F2} | {m.Cpu:F0} |");

        // Per platform: CollabBot first, its peer second (the order of PeerBench's sides).
        (double Ratio, double P99, double PeerP99, double Cpu)? Pair(string platform)
        {
            var pair = medians.Where(m => m.Platform == platform).ToList();
            return pair.Count == 2 ? (pair[0].Rps / pair[1].Rps, pair[0].P99, pair[1].P99, pair[0].Cpu) : null;
        }
        Console.WriteLine("\nTargets from issue #21 (reported, not asserted):");
        if (Pair("Slack") is { } slack)
        {
            Console.WriteLine($"ratio Slack CollabBot / Bolt (req/s): {slack.Ratio:F2}×   (p99 {slack.P99:F2} ms vs {slack.PeerP99:F2} ms)");
            Console.WriteLine($"  Slack help ≥ 2× Bolt with p99 < 20 ms at {connections} connections: {Held(slack.Ratio >= 2 && slack.P99 < 20)} ({slack.Ratio:F2}×, p99 {slack.P99:F2} ms)");
            Console.WriteLine($"  host CPU per slash command ≤ 150 µs: {Held(slack.Cpu <= 150)} ({slack.Cpu:F0} µs)");
        }
        if (Pair("Teams") is { } teams)
        {
            Console.WriteLine($"ratio Teams CollabBot / Agents SDK (req/s): {teams.Ratio:F2}×   (p99 {teams.P99:F2} ms vs {teams.PeerP99:F2} ms)");
            Console.WriteLine($"  Teams help ≥ 4× the Agents SDK: {Held(teams.Ratio >= 4)} ({teams.Ratio:F2}×)");
        }
        if (Pair(Answer) is { } answer)
        {
            Console.WriteLine($"ratio durable pulse answers CollabBot / Bolt's ack of the same view_submission (req/s): {answer.Ratio:F2}×   (p99 {answer.P99:F2} ms vs {answer.PeerP99:F2} ms)");
            Console.WriteLine($"  durable pulse answers ≥ Bolt's ack rate with p99 < 50 ms: {Held(answer.Ratio >= 1 && answer.P99 < 50)} ({answer.Ratio:F2}×, p99 {answer.P99:F2} ms, host CPU {answer.Cpu:F0} µs/answer)");
        }

        // Every side really answered: every request a 200, and every Teams help a post to the
        // Connector. The Agents SDK replies inline (before its 200); CollabBot acks once the
        // message is dispatched and sends the private reply from its queue, held to Teams'
        // Connector budget, so its posts trail its 200s by design.
        var errors = runs.Sum(r => r.Errors);
        var agentsOk = runs.Where(r => r.Connector == "agents").Sum(r => r.Ok);
        var agentsPosts = runs.Where(r => r.Connector == "agents").Sum(r => r.Posts);
        var collabPosts = runs.Where(r => r.Connector == "collab").Sum(r => r.Posts);
        Console.WriteLine($"\nanswered: {runs.Sum(r => r.Ok)} × 200, {errors} other (errors or timeouts)");
        Console.WriteLine($"Connector: Agents SDK posted {agentsPosts} replies for {agentsOk} × 200 in measured runs; CollabBot posted {collabPosts} private replies in measured runs "
            + $"({fakes.Posts("collab")} in total so far, the rest queued behind the Connector budget); {fakes.Refused} posts refused, {fakes.TokensIssued} bot tokens issued");
        var teamsRan = runs.Any(r => r.Connector is not null);
        var ok = errors == 0 && agentsPosts >= agentsOk && (!teamsRan || collabPosts > 0) && fakes.Refused == 0;
        if (answers is { } a)
        {
            // Every answer CollabBot was sent (probe, warm-up, runs) is a distinct member's first
            // answer to an open round while Sent ≤ Capacity: each 200 must then be a stored answer.
            Console.WriteLine($"pulse answers: CollabBot was sent {a.Sent} (distinct member and round for the first {a.Capacity}), {a.Stored} sealed answers stored");
            ok &= a.Stored == Math.Min(a.Sent, a.Capacity);
        }
        Console.WriteLine(ok ? "every side answered" : "NOT every side answered: see above");
        return ok ? 0 : 1;
    }

    private static string Held(bool held) => held ? "holds" : "does not hold";
}
