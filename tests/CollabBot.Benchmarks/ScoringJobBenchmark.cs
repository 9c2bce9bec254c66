using System.Diagnostics;
using System.Globalization;
using CollabBot.Core;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Scoring;
using CollabBot.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Benchmarks;

// The weekly scoring job over N teams against the storage's floor. Each measurement runs
// in a fresh child process so its peak RSS (VmHWM) is its own, not the generator's.
internal static class ScoringJobBenchmark
{
    public static readonly IsoWeek Week = new(2026, 47);
    private const int Weeks = 12;
    private const int Repeats = 3;

    public static async Task<int> RunAsync(int[] sizes, string dir)
    {
        Directory.CreateDirectory(dir);
        Console.WriteLine($"weekly scoring job, week {Week}, {DataGenerator.TeamSize} members/team, {Weeks} weeks of history, median of {Repeats} runs");
        Console.WriteLine("| teams | pulse answers | scan: week W rows (ms) | scan: all job inputs (ms) | job cold (ms) | job warm (ms) | warm: load / score / save (ms) | warm / input scan | cold / input scan | peak RSS job (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var file = Path.Combine(dir, $"scoring-{n}.db");
            if (!File.Exists(file))
            {
                var sw = Stopwatch.StartNew();
                await using var services = Services(file);
                await services.MigrateAsync();
                await DataGenerator.GenerateAsync(services, Cs(file), n, Weeks, Week);
                Console.Error.WriteLine($"generated {n} teams in {sw.Elapsed.TotalSeconds:F1} s → {file}");
            }
            var scans = Enumerable.Range(0, Repeats).Select(_ => Child("child-scan", file)).ToList();
            var jobs = Enumerable.Range(0, Repeats).Select(_ => Child("child-job", file)).ToList();
            double Med(IEnumerable<double> xs) => xs.Order().ElementAt(Repeats / 2);
            var weekScan = Med(scans.Select(s => s[0]));
            var inputScan = Med(scans.Select(s => s[1]));
            var cold = Med(jobs.Select(j => j[0]));
            var warm = Med(jobs.Select(j => j[1]));
            var phase = jobs.OrderBy(j => j[1]).ElementAt(Repeats / 2);
            Console.WriteLine($"| {n:N0} | {Med(scans.Select(s => s[2])):N0} | {weekScan:F0} | {inputScan:F0} | {cold:F0} | {warm:F0} | " +
                $"{phase[3]:F0} / {phase[4]:F0} / {phase[5]:F0} | {warm / inputScan:F2}× | {cold / inputScan:F2}× | {Med(jobs.Select(j => j[2])):F0} |");
        }
        return 0;
    }

    // Child: time the job twice (cold: a fresh process, EF model and query compilation
    // included; warm: again after dropping the snapshots it wrote, as in a running host)
    // and print "cold warm peakMB load score save" (the phases of the warm run).
    public static async Task<int> JobAsync(string file)
    {
        await using var services = Services(file);
        var times = new List<double>();
        double[] phases = [];
        for (var i = 0; i < 2; i++)
        {
            await using (var wipe = new SqliteConnection(Cs(file)))
            {
                await wipe.OpenAsync();
                await using var cmd = wipe.CreateCommand();
                cmd.CommandText = "DELETE FROM DigestSnapshots";
                await cmd.ExecuteNonQueryAsync();
            }
            GC.Collect();
            var sw = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<WeeklyScoringJob>().RunAsync(Week);
            times.Add(sw.Elapsed.TotalMilliseconds);
            phases = [run.Timings.Load.TotalMilliseconds, run.Timings.Score.TotalMilliseconds, run.Timings.Save.TotalMilliseconds];
            if (run.Computed == 0) throw new InvalidOperationException("the job computed nothing");
        }
        Console.WriteLine(string.Join(' ', times.Select(F)) + " " + F(PeakRssMb()) + " " + string.Join(' ', phases.Select(F)));
        return 0;
    }

    // Child: the floor. Plain SELECTs through ADO.NET, every column of every row read:
    // first week W's own rows, then every row the job reads (W − 4..W, pulse W − 1..W).
    public static async Task<int> ScanAsync(string file)
    {
        await using var c = new SqliteConnection(Cs(file));
        await c.OpenAsync();
        var w = LoadWindow.ForWeek(Week);
        var (ws, we) = (Week.Start(TimeZoneInfo.Utc).AddHours(-14).UtcTicks, Week.End(TimeZoneInfo.Utc).AddHours(14).UtcTicks);
        var (from, pulseFrom, to) = (w.From.UtcTicks, w.PulseFrom.UtcTicks, w.To.UtcTicks);
        string Answers(long a, long b) => $"SELECT r.Id, r.RoundId, r.Respondent, a.QuestionKey, a.Value FROM PulseAnswers a JOIN PulseResponses r ON r.Id = a.ResponseId JOIN PulseRounds p ON p.Id = r.RoundId WHERE p.SentAt >= {a} AND p.SentAt < {b}";
        string Rest(long a, long b) => string.Join(';',
            $"SELECT RoundId, MemberId FROM PulseParticipations WHERE RoundId IN (SELECT Id FROM PulseRounds WHERE SentAt >= {a} AND SentAt < {b})",
            $"SELECT * FROM CheckIns WHERE At >= {a} AND At < {b}", $"SELECT * FROM Kudos WHERE At >= {a} AND At < {b}",
            $"SELECT * FROM KudosReceivers WHERE KudosId IN (SELECT Id FROM Kudos WHERE At >= {a} AND At < {b})",
            $"SELECT * FROM Handoffs WHERE At >= {a} AND At < {b}", $"SELECT * FROM HandoffFeedback WHERE At >= {a} AND At < {b}",
            "SELECT * FROM Members", "SELECT * FROM Goals");
        var (weekMs, _) = await Time(c, Answers(ws, we) + ";" + Rest(ws, we));
        var (inputMs, _) = await Time(c, Answers(pulseFrom, to) + ";" + Rest(from, to));
        var (_, answers) = await Time(c, "SELECT * FROM PulseAnswers");
        Console.WriteLine($"{F(weekMs)} {F(inputMs)} {answers}");
        return 0;
    }

    private static async Task<(double Ms, long Rows)> Time(SqliteConnection c, string sql)
    {
        var sw = Stopwatch.StartNew();
        long rows = 0, sink = 0;
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        do
        {
            while (await r.ReadAsync())
            {
                rows++;
                for (var i = 0; i < r.FieldCount; i++) sink += r.IsDBNull(i) ? 0 : r.GetValue(i).GetHashCode();
            }
        } while (await r.NextResultAsync());
        GC.KeepAlive(sink);
        return (sw.Elapsed.TotalMilliseconds, rows);
    }

    private static string Cs(string file) => $"Data Source={file};Pooling=True";
    private static string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);

    private static ServiceProvider Services(string file)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Cs(file),
            ["Storage:DataDirectory"] = Path.GetDirectoryName(file),
            ["Privacy:PseudonymKey"] = Convert.ToBase64String(new byte[32]),
        }).Build();
        return new ServiceCollection().AddCollabStorage(config).AddCollabCore().BuildServiceProvider();
    }

    private static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static double[] Child(string verb, string file)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(typeof(ScoringJobBenchmark).Assembly.Location);
        psi.ArgumentList.Add(verb);
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{verb} failed ({p.ExitCode}): {output}");
        return output.Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }
}
