using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Storage;

public sealed class PulseStorageTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_person_marks_a_round_once_and_the_mark_names_nobody_without_the_key(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var (ws, team, members) = await Seed.TeamAsync(db, "P");
        db.ForWorkspace(ws.Id);
        var round = new PulseRound
        {
            WorkspaceId = ws.Id,
            TeamId = team.Id,
            Week = "2026-W47",
            SentAt = database.Time.GetUtcNow(),
            ClosesAt = database.Time.GetUtcNow().AddHours(72),
            Questions = [new PulseRoundQuestion { WorkspaceId = ws.Id, Key = "role.a", Dimension = "role" }]
        };
        db.Add(round);
        await db.SaveChangesAsync();

        var pseudonyms = scope.ServiceProvider.GetRequiredService<Pseudonyms>();
        var user = members[1].PlatformUserId;
        var mark = pseudonyms.Mark(round.Id, user);
        Assert.DoesNotContain(user, mark, StringComparison.Ordinal);
        Assert.Equal(mark, pseudonyms.Mark(round.Id, user));
        Assert.NotEqual(mark, pseudonyms.Mark(round.Id + 1, user));
        Assert.NotEqual(mark, new Pseudonyms(new byte[32]).Mark(round.Id, user));

        db.Add(new PulseAnswerMark { WorkspaceId = ws.Id, RoundId = round.Id, Mark = mark });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        db.Add(new PulseAnswerMark { WorkspaceId = ws.Id, RoundId = round.Id, Mark = mark });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public void A_sealed_answer_opens_only_with_the_key_that_sealed_it()
    {
        var keys = new Pseudonyms(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var at = new DateTimeOffset(2026, 11, 20, 8, 10, 0, TimeSpan.Zero);
        var sealedBytes = SealedAnswer.Seal(keys, at, new() { ["role.a"] = 4 }, "more demos please");
        Assert.DoesNotContain("demos", System.Text.Encoding.UTF8.GetString(sealedBytes), StringComparison.Ordinal);
        var open = SealedAnswer.Unseal(keys, sealedBytes);
        Assert.Equal((at.UtcTicks, 4, "more demos please"), (open.AtTicks, open.Values["role.a"], open.Comment));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => SealedAnswer.Unseal(new Pseudonyms(new byte[32]), sealedBytes));
    }

    [Fact]
    public void Pseudonym_keys_shorter_than_32_bytes_are_refused() =>
        Assert.Throws<ArgumentException>(() => new Pseudonyms(new byte[16]));
}
