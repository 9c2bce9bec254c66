using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Host.Cli;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Digest;

public sealed class WeeklyScoringJobTests
{
    private static readonly IsoWeek W47 = new(2026, 47);

    private static async Task<long> DemoAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        var sp = scope.ServiceProvider;
        var (team, _) = await new DemoSeeder(sp.GetRequiredService<CollabDbContext>(), sp.GetRequiredService<Pseudonyms>(), database.Time).SeedAsync();
        return team.Id;
    }

    private static async Task<T> WithJob<T>(TestDatabase database, Func<WeeklyScoringJob, CollabDbContext, Task<T>> run)
    {
        await using var scope = database.Scope();
        return await run(scope.ServiceProvider.GetRequiredService<WeeklyScoringJob>(), scope.ServiceProvider.GetRequiredService<CollabDbContext>());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_stored_snapshot_is_what_score_prints_for_an_export_of_the_team(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var teamId = await DemoAsync(database);
        var run = await WithJob(database, (job, _) => job.RunAsync(W47));
        var stored = run.Snapshots.Single(s => s.TeamId == teamId);
        Assert.Equal(1, run.Computed);

        var file = Path.Combine(database.Settings["Storage:DataDirectory"]!, "export.json");
        Assert.Equal(0, await ExportVerb.RunAsync(database.Services, $"t{teamId}", file, TextWriter.Null));
        var printed = new StringWriter();
        Assert.Equal(0, ScoreVerb.Run(new CliArgs(["score", "--input", file, "--week", "2026-W47"]), printed));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored.Json), JsonNode.Parse(printed.ToString())),
            $"stored:\n{stored.Json}\nprinted:\n{printed}");
        var snapshot = CollabJson.Deserialize<Snapshot>(stored.Json);
        Assert.Equal("cei-1", snapshot.Model);
        Assert.Equal(7, snapshot.Cei.Coverage);
        Assert.Equal(stored.Cei, snapshot.Cei.Score);
        Assert.DoesNotContain("Person", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Contains("\"format\": \"collabbot-export/1\"", File.ReadAllText(file), StringComparison.Ordinal);

        // Time precision: no answer carries a time, each round its sorted whole hours instead,
        // and members' joins and leaves are whole days (midnight in the team's zone).
        var export = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.All(export["pulseAnswers"]!.AsArray(), a => Assert.Null(a!["answeredAt"]));
        Assert.All(export["pulseRounds"]!.AsArray(), r =>
        {
            var hours = r!["answerHours"]!.AsArray().Select(h => h!.GetValue<int>()).ToList();
            Assert.Equal(hours.Order(), hours);
            Assert.NotEmpty(hours);
        });
        var zone = TimeZoneInfo.FindSystemTimeZoneById(export["team"]!["timeZone"]!.GetValue<string>());
        Assert.All(export["members"]!.AsArray(), m =>
            Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(m!["joinedAt"]!.GetValue<DateTimeOffset>(), zone).TimeOfDay));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Re_running_a_week_returns_the_stored_snapshots(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await DemoAsync(database);
        var first = await WithJob(database, (job, _) => job.RunAsync(W47));
        var again = await WithJob(database, (job, _) => job.RunAsync(W47));
        Assert.Equal(0, again.Computed);
        Assert.Equal(first.Snapshots.Select(s => (s.Id, s.Json)), again.Snapshots.Select(s => (s.Id, s.Json)));
        Assert.Equal(1, await WithJob(database, (_, db) => db.Unscoped<DigestSnapshot>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_team_whose_week_has_not_ended_in_its_zone_waits(string provider)
    {
        // Monday 23 Nov 03:00 UTC: W47 has ended in Shanghai (Sun 16:00 UTC) but not in New York (Mon 05:00 UTC).
        await using var database = await TestDatabase.CreateAsync(provider, new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
        var (shanghai, newYork) = await WithJob(database, async (_, db) =>
            ((await Seed.TeamAsync(db, "SH", zone: "Asia/Shanghai")).Team.Id, (await Seed.TeamAsync(db, "NY", zone: "America/New_York")).Team.Id));
        var run = await WithJob(database, (job, _) => job.RunAsync(W47));
        Assert.Equal([shanghai], run.Snapshots.Select(s => s.TeamId));
        Assert.Equal([newYork], run.NotEnded);

        database.Time.Advance(TimeSpan.FromHours(3));
        var later = await WithJob(database, (job, _) => job.RunAsync(W47));
        Assert.Equal(1, later.Computed);
        Assert.Equal([shanghai, newYork], later.Snapshots.Select(s => s.TeamId).Order());
    }

    [Fact]
    public async Task Inputs_are_read_with_the_same_few_queries_whatever_the_number_of_teams()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        // Pooled contexts keep EF's logger, which caches "is anyone listening" for its logging
        // cache time (1 s): attach the counter once, and give that cache time to see it.
        using var counter = new CommandCounter(database.Settings["Storage:ConnectionString"]!);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        async Task<int> CommandsForTeams(int teams)
        {
            await WithJob(database, async (_, db) =>
            {
                for (var i = 0; i < teams; i++)
                {
                    var (ws, team, members) = await Seed.TeamAsync(db, $"T{teams}-{i}");
                    db.Add(new KudosPost
                    {
                        WorkspaceId = ws.Id,
                        TeamId = team.Id,
                        GiverId = members[0].Id,
                        Message = "!",
                        At = new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero),
                        Receivers = [new KudosReceiver { WorkspaceId = ws.Id, MemberId = members[1].Id }]
                    });
                }
                return await db.SaveChangesAsync();
            });
            var before = counter.Count;
            var week = new IsoWeek(2026, 40 + teams);
            var run = await WithJob(database, (job, _) => job.RunAsync(week));
            Assert.True(run.Computed >= teams);
            return counter.Count - before;
        }
        var few = await CommandsForTeams(2);
        var many = await CommandsForTeams(6);
        Assert.InRange(few, 5, 17);
        Assert.Equal(few, many);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_is_idempotent(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        async Task<(int, int, int, int)> Counts() => await WithJob(database, async (_, db) => (
            await db.Unscoped<Member>().CountAsync(), await db.Unscoped<PulseResponse>().CountAsync(),
            await db.Unscoped<KudosPost>().CountAsync(), await db.Unscoped<PulseRound>().CountAsync()));
        await DemoAsync(database);
        var once = await Counts();
        await DemoAsync(database);
        Assert.Equal(once, await Counts());
        Assert.Equal(8, once.Item1);
        Assert.Equal(8, once.Item4);
    }
}
