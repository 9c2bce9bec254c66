using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Pulse;

// Kept rounds lapse spread over a window, not all at once: a pulse sent to every team at
// once would otherwise be re-read for every team in the same instant.
public sealed class OpenRoundsTests
{
    [Fact]
    public async Task Rounds_read_together_lapse_at_different_times_within_the_window()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var (ws, team, _) = await Seed.TeamAsync(db, "R");
        db.ForWorkspace(ws.Id);
        var now = database.Time.GetUtcNow();
        var rounds = Enumerable.Range(1, 24).Select(i => new PulseRound
        {
            WorkspaceId = ws.Id,
            TeamId = team.Id,
            Week = $"2026-W{i:00}",
            SentAt = now,
            ClosesAt = now.AddDays(3),
            Questions = [new PulseRoundQuestion { WorkspaceId = ws.Id, Key = "role.a", Dimension = "role" }]
        }).ToList();
        db.AddRange(rounds);
        await db.SaveChangesAsync();

        var open = new OpenRounds(database.Time);
        var first = new Dictionary<long, PulseRound>();
        foreach (var r in rounds) first[r.Id] = (await open.GetAsync(db, r.Id, team.Id, fresh: false, default))!;
        Assert.All(first.Values, r => Assert.Equal("role.a", Assert.Single(r.Questions).Key));

        // The same copy is handed out (no read) until a copy's own time has passed.
        async Task<int> Kept()
        {
            var kept = 0;
            foreach (var r in rounds) if (ReferenceEquals(first[r.Id], await open.GetAsync(db, r.Id, team.Id, fresh: false, default))) kept++;
            return kept;
        }
        database.Time.Advance(OpenRounds.KeepAtLeast - TimeSpan.FromSeconds(1));
        Assert.Equal(rounds.Count, await Kept());
        database.Time.Advance(TimeSpan.FromSeconds(1) + (OpenRounds.KeepAtMost - OpenRounds.KeepAtLeast) / 2);
        var halfway = await Kept();
        Assert.InRange(halfway, 1, rounds.Count - 1); // 24 copies all on one side: about 1 in 8 million
        database.Time.Advance(OpenRounds.KeepAtMost);
        Assert.Equal(0, await Kept());
    }
}
