using CollabBot.Core;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Host.Cli;

// Writes one team's whole history as collabbot-export/1. Pulse answers go out under their
// pseudonyms and without comments: an export never ties an answer to a person.
internal static class ExportVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, string team, string outPath, TextWriter output)
    {
        if (!long.TryParse(team.TrimStart('t'), out var teamId)) throw new UsageException($"--team '{team}' is not a team id such as t1 or 1");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        if (!await db.Unscoped<Team>().AnyAsync(t => t.Id == teamId)) throw new UsageException($"there is no team {team}");
        var data = (await scope.ServiceProvider.GetRequiredService<TeamDataLoader>().LoadAsync([teamId], null, default))[teamId];
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(outPath, CollabJson.Serialize(data, indented: true));
        output.WriteLine($"Wrote team t{teamId} ({data.Members.Count} members, {data.PulseRounds.Count} pulse rounds, " +
                         $"{data.PulseAnswers.Count} answers) to {outPath}");
        return 0;
    }
}
