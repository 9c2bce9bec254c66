using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Storage;

public sealed class WorkspaceIsolationTests
{
    private static async Task<(long A, long B)> TwoWorkspacesAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var a = await Seed.TeamAsync(db, "A");
        var b = await Seed.TeamAsync(db, "B");
        db.Add(new KudosPost
        {
            WorkspaceId = a.Workspace.Id,
            TeamId = a.Team.Id,
            GiverId = a.Members[0].Id,
            Message = "A only",
            At = database.Time.GetUtcNow(),
            Receivers = [new KudosReceiver { WorkspaceId = a.Workspace.Id, MemberId = a.Members[1].Id }]
        });
        await db.SaveChangesAsync();
        return (a.Workspace.Id, b.Workspace.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_workspace_sees_only_its_own_rows(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (a, b) = await TwoWorkspacesAsync(database);

        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>().ForWorkspace(b);
        Assert.Equal(["B sales"], await db.Teams.Select(t => t.Name).ToListAsync());
        Assert.Equal(3, await db.Members.CountAsync());
        Assert.Empty(await db.Kudos.ToListAsync());
        Assert.Empty(await db.KudosReceivers.ToListAsync());
        Assert.Null(await db.Members.FirstOrDefaultAsync(m => m.WorkspaceId == a));
        Assert.Equal([b], await db.Workspaces.Select(w => w.Id).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unscoped_context_fails_closed_and_only_Unscoped_reads_across(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await TwoWorkspacesAsync(database);

        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        Assert.Equal(0, await db.Teams.CountAsync());
        Assert.Equal(2, await db.Unscoped<Team>().CountAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_scoped_context_refuses_to_write_another_workspace(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (a, b) = await TwoWorkspacesAsync(database);

        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>().ForWorkspace(b);
        var teamA = await db.Unscoped<Team>().FirstAsync(t => t.WorkspaceId == a);
        db.Add(new Member { WorkspaceId = a, TeamId = teamA.Id, PlatformUserId = "intruder", DisplayName = "X", JoinedAt = database.Time.GetUtcNow() });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Throws<InvalidOperationException>(() => db.ForWorkspace(a));

        await using var check = database.Scope();
        Assert.False(await check.ServiceProvider.GetRequiredService<CollabDbContext>().Unscoped<Member>().AnyAsync(m => m.PlatformUserId == "intruder"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Snapshots_are_immutable_and_anonymity_below_three_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (a, _) = await TwoWorkspacesAsync(database);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>().ForWorkspace(a);
        var team = await db.Teams.FirstAsync();
        var snapshot = new DigestSnapshot { WorkspaceId = a, TeamId = team.Id, Week = "2026-W47", Model = "cei-1", Json = "{}" };
        db.Add(snapshot);
        await db.SaveChangesAsync();
        snapshot.Json = "{\"tampered\":true}";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        db.ChangeTracker.Clear();
        team = await db.Teams.FirstAsync();
        team.AnonymityThreshold = 2;                          // the database's check constraint refuses k < 3
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
