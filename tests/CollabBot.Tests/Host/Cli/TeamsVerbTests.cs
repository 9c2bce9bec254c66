using CollabBot.Host.Cli;
using CollabBot.Tests.Support;

namespace CollabBot.Tests.Host.Cli;

// `teams` lists the ids that `export --team` and `link digest --team` take.
public sealed class TeamsVerbTests
{
    [Fact]
    public async Task Teams_lists_each_team_with_the_id_the_other_verbs_take()
    {
        await using var chat = await TestChat.InstallAsync();
        var empty = new StringWriter();
        var output = new StringWriter();
        Assert.Equal(0, await TeamsVerb.RunAsync(chat.Db.Services, output));
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^t\d+\tslack\t.+ / .+\t5 members\r?$", line);

        var id = line.Split('\t')[0];
        var file = Path.Combine(Path.GetTempPath(), $"collabbot-teams-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, await ExportVerb.RunAsync(chat.Db.Services, id, file, TextWriter.Null));   // the listed id is one `export` takes
        }
        finally
        {
            File.Delete(file);
        }

        await using var fresh = await TestDatabase.CreateAsync("sqlite");
        Assert.Equal(0, await TeamsVerb.RunAsync(fresh.Services, empty));
        Assert.StartsWith("No teams yet", empty.ToString());
    }
}
