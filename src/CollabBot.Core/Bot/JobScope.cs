using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Bot;

// What a scheduled job needs, as BotContext is what a handler needs: a service scope of its
// own, the team, a database scoped to the team's workspace, and one "now" for the whole run.
// Jobs are handed a team id, never an entity: they run later, maybe on another host, and
// must read the team as it is then.
internal sealed class JobScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    private JobScope(AsyncServiceScope scope, CollabDbContext db, Team team, DateTimeOffset now, CancellationToken ct)
    {
        (_scope, Db, Team, Now, Cancellation) = (scope, db, team, now, ct);
        Zone = Zones.Find(team.TimeZone);
    }

    public CollabDbContext Db { get; }
    public Team Team { get; }
    public DateTimeOffset Now { get; }
    public TimeZoneInfo Zone { get; }
    public CancellationToken Cancellation { get; }
    public IServiceProvider Services => _scope.ServiceProvider;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Zone).DateTime);
    public IsoWeek Week => IsoWeek.Containing(Now, Zone);

    // Null when the team is gone or uninstalled: its recurring jobs may fire once more before
    // the schedule sync removes them, and then there is nothing to do.
    public static async Task<JobScope?> OpenAsync(IServiceScopeFactory scopes, TimeProvider time, long teamId, CancellationToken ct)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            var team = await db.Unscoped<Team>().Include(t => t.Workspace).FirstOrDefaultAsync(t => t.Id == teamId, ct);
            if (team is null || !team.Active || team.Workspace is not { Active: true })
            {
                await scope.DisposeAsync();
                return null;
            }
            db.ForWorkspace(team.WorkspaceId);
            return new JobScope(scope, db, team, time.GetUtcNow(), ct);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    // A member's own language first, then the team's, then the workspace's.
    public Texts TextsFor(Member? member) => Texts.For(member?.Locale, Team.Locale, Team.Workspace?.DefaultLocale);

    public Task ToChannelAsync(string key, Card card, string? updates = null) =>
        Db.QueueAsync(Team.WorkspaceId, key, OutboxTarget.Channel, Team.ChannelId, card, Now, updates, Cancellation);

    public Task ToMemberAsync(Member to, string key, Card card) =>
        Db.QueueAsync(Team.WorkspaceId, key, OutboxTarget.Member, to.PlatformUserId, card, Now, null, Cancellation);

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
