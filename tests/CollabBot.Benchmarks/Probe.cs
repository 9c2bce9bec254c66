using System.Diagnostics;

using CollabBot.Core;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CollabBot.Host.Storage;

namespace CollabBot.Benchmarks;

internal static class Probe
{
    public static async Task<int> RunAsync(string file)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={file}", ["Storage:DataDirectory"] = Path.GetDirectoryName(file),
            ["Privacy:PseudonymKey"] = Convert.ToBase64String(new byte[32]),
        }).Build();
        await using var services = new ServiceCollection().AddCollabStorage(config).AddCollabCore().BuildServiceProvider();
        DiagnosticListener.AllListeners.Subscribe(new ProbeListener());
        for (var i = 0; i < 3; i++)
        {
            ProbeListener.On = i == 2;
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            var sw = Stopwatch.StartNew();
            var ids = await db.Unscoped<Team>().Select(t => t.Id).ToListAsync();
            var data = await new TeamDataLoader(db).LoadAsync(ids, LoadWindow.ForWeek(ScoringJobBenchmark.Week), default);
            var load = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var snaps = data.Values.Select(d => Scorer.Score(d, ScoringJobBenchmark.Week)).ToList();
            var score = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var json = snaps.Select(s => CollabJson.Serialize(s)).ToList();
            var ser = sw.Elapsed.TotalMilliseconds;
            var w = ScoringJobBenchmark.Week; var asOf = w.End(TimeZoneInfo.Utc);
            sw.Restart(); var inputs = data.Values.Select(d => WeekInputs.Build(d, w, asOf)).ToList(); var tb = sw.Elapsed.TotalMilliseconds;
            sw.Restart(); var comps = inputs.Select(ComponentScores.Compute).ToList(); var tc = sw.Elapsed.TotalMilliseconds;
            sw.Restart(); var ws = data.Values.Select(d => WeekScore.Compute(d, w, asOf)).ToList(); var tw = sw.Elapsed.TotalMilliseconds;
            sw.Restart(); var ins = data.Values.Zip(ws).Select(x => Insights.For(x.First, x.Second, [], true)).ToList(); var ti = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine($"build {tb:F0} comps {tc:F0} weekscore {tw:F0} insights {ti:F0}");
            Console.WriteLine($"load {load:F0} ms, score {score:F0} ms (serial), json {ser:F0} ms, {json.Sum(j => j.Length) / 1024} KB");
        }
        return 0;
    }
}
