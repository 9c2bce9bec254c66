using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Storage;

public sealed class PulseStorageTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Answers_are_stored_under_a_pseudonym_and_a_second_answer_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var (ws, team, members) = await Seed.TeamAsync(db, "P");
        db.ForWorkspace(ws.Id);
        var round = new PulseRound { WorkspaceId = ws.Id, TeamId = team.Id, Week = "2026-W47", SentAt = database.Time.GetUtcNow(),
            ClosesAt = database.Time.GetUtcNow().AddHours(72),
            Questions = [new PulseRoundQuestion { WorkspaceId = ws.Id, Key = "role.a", Dimension = "role" }] };
        db.Add(round);
        await db.SaveChangesAsync();

        var pseudonyms = scope.ServiceProvider.GetRequiredService<Pseudonyms>();
        var who = pseudonyms.For(round.Id, members[1].Id);
        Assert.DoesNotContain(members[1].Id.ToString(), who.Replace("p-", ""), StringComparison.Ordinal);
        Assert.Equal(who, pseudonyms.For(round.Id, members[1].Id));
        Assert.NotEqual(who, pseudonyms.For(round.Id + 1, members[1].Id));

        PulseResponse Response() => new() { WorkspaceId = ws.Id, RoundId = round.Id, Respondent = who, AnsweredAt = database.Time.GetUtcNow(),
            Answers = [new PulseAnswer { WorkspaceId = ws.Id, QuestionKey = "role.a", Value = 4 }] };
        db.Add(Response());
        await db.SaveChangesAsync();
        db.Add(Response());
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        db.ChangeTracker.Clear();
        var stored = await db.PulseResponses.Include(r => r.Answers).SingleAsync();
        Assert.Equal(who, stored.Respondent);
        Assert.Equal(4, stored.Answers.Single().Value);
    }

    [Fact]
    public void Pseudonym_keys_shorter_than_32_bytes_are_refused() =>
        Assert.Throws<ArgumentException>(() => new Pseudonyms(new byte[16]));
}
