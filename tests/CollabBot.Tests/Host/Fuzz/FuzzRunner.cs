using System.Globalization;
using System.Net.Http.Headers;
using CollabBot.Slack.Wire;
using Microsoft.Data.Sqlite;

namespace CollabBot.Tests.Host.Fuzz;

internal sealed record FuzzFinding(int Case, FuzzCase Request, string Problem);

internal sealed record FuzzReport(int Cases, Dictionary<int, int> Statuses, List<FuzzFinding> Findings, int Refused);

// Sends seeded cases one at a time and judges each answer: never a 5xx (except 501 for an
// invoke Teams' protocol says a bot may not know), never a broken connection, 413 for a body
// over the limit, and for every refused request (4xx) the database's row counts unchanged.
internal sealed class FuzzRunner(HttpClient http, string slackSecret, Func<string> teamsToken, Func<Task<Dictionary<string, long>>> rowCounts)
{
    public async Task<FuzzReport> RunAsync(FuzzCases cases, int seed, int maxCases, TimeSpan maxTime, CancellationToken ct)
    {
        var rng = new Random(seed);
        var statuses = new Dictionary<int, int>();
        var findings = new List<FuzzFinding>();
        var refused = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var n = 0;
        for (; n < maxCases && clock.Elapsed < maxTime; n++)
        {
            var c = cases.Next(rng);
            var before = await rowCounts();
            int status;
            try
            {
                using var response = await http.SendAsync(Build(c), ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // In-process (WebApplicationFactory) the host's exception arrives here; over a socket, a reset connection.
                findings.Add(new(n, c, $"no answer: {e.GetType().Name}: {e.Message} {string.Join(" < ", (e.StackTrace ?? "").Split('\n').Take(3).Select(l => l.Trim()))}"));
                continue;
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 && !(status == 501 && c.Path == "/api/messages"))
                findings.Add(new(n, c, $"HTTP {status}"));
            if (c.OverLimit && status != 413)
                findings.Add(new(n, c, $"HTTP {status} for a body over the limit (expected 413)"));
            if (status is >= 400 and < 500)
            {
                refused++;
                var after = await rowCounts();
                var changed = after.Where(kv => before.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => $"{kv.Key} {before.GetValueOrDefault(kv.Key)}→{kv.Value}").ToList();
                if (changed.Count > 0) findings.Add(new(n, c, $"refused with {status} but stored: {string.Join(", ", changed)}"));
            }
        }
        return new FuzzReport(n, statuses, findings, refused);
    }

    private HttpRequestMessage Build(FuzzCase c)
    {
        var request = new HttpRequestMessage(c.Method, c.Path);
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            if (!string.IsNullOrEmpty(c.ContentType)) request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }
        foreach (var (name, value) in c.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        switch (c.Auth)
        {
            case FuzzAuth.SlackSigned:
                request.Headers.Add("X-Slack-Request-Timestamp", now);
                request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(slackSecret, now, c.Body ?? []));
                break;
            case FuzzAuth.SlackBadSignature:
                var bad = (c.Body?.Length ?? 0) % 4;
                request.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", bad switch { 0 => "-1", 1 => "99999999999999999999", 2 => now, _ => "12a" });
                request.Headers.TryAddWithoutValidation("X-Slack-Signature", bad == 2 ? "v0=" + new string('z', 64) : SlackSignature.Sign("wrong", now, c.Body ?? []));
                break;
            case FuzzAuth.TeamsToken:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teamsToken());
                break;
            case FuzzAuth.TeamsBadToken:
                request.Headers.TryAddWithoutValidation("Authorization", ((c.Body?.Length ?? 0) % 3) switch
                {
                    0 => "Bearer " + teamsToken()[..^4] + "AAAA",
                    1 => "Bearer not.a.jwt",
                    _ => "Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.",
                });
                break;
        }
        return request;
    }

    // Every table of the bot's SQLite database with its row count.
    public static async Task<Dictionary<string, long>> SqliteRowCountsAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>();
        if (tables.Count == 0) return counts;
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT " + string.Join(", ", tables.Select(t => $"(SELECT COUNT(*) FROM \"{t}\")"));
        await using var row = await count.ExecuteReaderAsync();
        await row.ReadAsync();
        for (var i = 0; i < tables.Count; i++) counts[tables[i]] = row.GetInt64(i);
        return counts;
    }

    public static string Describe(FuzzReport report, int seed) =>
        $"seed {seed}: {report.Cases} cases, {report.Refused} refused; statuses "
        + string.Join(", ", report.Statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}×{kv.Value}"))
        + (report.Findings.Count == 0 ? "; no findings" : "\n" + string.Join("\n", report.Findings.Take(40).Select(f =>
            $"  case {f.Case} ({f.Request.Kind}, {f.Request.Method} {f.Request.Path}, {f.Request.Auth}): {f.Problem}")));
}
