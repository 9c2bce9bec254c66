using CollabBot.Core;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;

namespace CollabBot.Host.Cli;

internal static class DemoVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<CollabDbContext>();
        var (team, weeks) = await new DemoSeeder(db, sp.GetRequiredService<Core.Features.Pulse.Pseudonyms>(), sp.GetRequiredService<TimeProvider>()).SeedAsync();
        var job = sp.GetRequiredService<WeeklyScoringJob>();
        var history = new List<(string, double?)>();
        Snapshot? latest = null;
        foreach (var week in weeks)
        {
            var run = await job.RunAsync(week, [team.Id]);
            var stored = run.Snapshots.Single();
            latest = CollabJson.Deserialize<Snapshot>(stored.Json);
            history.Add((stored.Week, stored.Cei));
        }
        output.WriteLine($"Demo workspace ready: team t{team.Id} \"{team.Name}\", 8 members, weeks {weeks[0]}..{weeks[^1]}.");
        output.WriteLine();
        output.Write(DigestText.Render(latest!, history, managerView: true));
        output.WriteLine();
        output.WriteLine($"Export it with: dotnet run --project src/CollabBot.Host -- export --team t{team.Id} --out demo.json");
        return 0;
    }
}
