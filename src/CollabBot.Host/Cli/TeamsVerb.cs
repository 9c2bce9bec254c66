using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Host.Cli;

// `teams`: every team in the database with the id the other verbs take (`--team t1`). A team
// is a Slack channel or a Teams team that CollabBot was added to; its id is the database's.
internal static class TeamsVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var teams = await db.Unscoped<Team>().AsNoTracking().Include(t => t.Workspace).OrderBy(t => t.Id)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Active,
                Platform = t.Workspace!.Platform,
                Workspace = t.Workspace.Name,
                Members = db.Unscoped<Member>().Count(m => m.TeamId == t.Id && m.Active),
            }).ToListAsync();
        if (teams.Count == 0)
        {
            output.WriteLine("No teams yet: add CollabBot to a Slack channel or a Teams team (or run `demo`).");
            return 0;
        }
        foreach (var t in teams)
            output.WriteLine($"t{t.Id}\t{t.Platform.ToString().ToLowerInvariant()}\t{t.Workspace} / {t.Name}\t{t.Members} members{(t.Active ? "" : "\t(removed)")}");
        return 0;
    }
}
