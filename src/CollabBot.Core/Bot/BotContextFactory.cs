using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Bot;

// Turns an interaction into a context: the workspace by platform id, the team by channel
// (or, in a direct chat, the team the user belongs to), and the member — someone speaking in
// a team's channel for the first time joins it as a rep.
internal static class BotContextFactory
{
    // The payload and form-state key that names the team a card or form belongs to.
    public const string TeamKey = "t";

    internal sealed record Resolved(BotContext? Context, Reply? Refusal, string Verb);

    // Every interaction runs these: compiled once, they skip EF's per-call expression work.
    private static readonly CompiledPerModel<Func<CollabDbContext, string, Platform, string, CancellationToken, Task<Team?>>> TeamByChannel = new(() =>
        EF.CompileAsyncQuery((CollabDbContext db, string channel, Platform platform, string workspace, CancellationToken _) =>
            db.Teams.IgnoreQueryFilters().Include(t => t.Workspace)
                .FirstOrDefault(t => t.ChannelId == channel && t.Active && t.Workspace!.Platform == platform && t.Workspace.ExternalId == workspace && t.Workspace.Active)));

    private static readonly CompiledPerModel<Func<CollabDbContext, long, string, CancellationToken, Task<Member?>>> MemberOfTeam = new(() =>
        EF.CompileAsyncQuery((CollabDbContext db, long team, string user, CancellationToken _) =>
            db.Members.FirstOrDefault(m => m.TeamId == team && m.PlatformUserId == user)));

    // `m.WorkspaceId == w.Id` repeats what the joins imply so that SQLite walks the
    // (WorkspaceId, PlatformUserId) index instead of probing every team of the workspace.
    private static readonly CompiledPerModel<Func<CollabDbContext, string, Platform, string, long, CancellationToken, Task<Member?>>> MembershipIn = new(() =>
        EF.CompileAsyncQuery((CollabDbContext db, string user, Platform platform, string workspace, long team, CancellationToken _) =>
            db.Members.IgnoreQueryFilters().Include(m => m.Team!).ThenInclude(t => t.Workspace)
                .FirstOrDefault(m => m.PlatformUserId == user && m.TeamId == team && m.Active && m.Team!.Active && m.WorkspaceId == m.Team.Workspace!.Id
                    && m.Team.Workspace!.Platform == platform && m.Team.Workspace.ExternalId == workspace && m.Team.Workspace.Active)));

    private static readonly CompiledPerModel<Func<CollabDbContext, string, Platform, string, CancellationToken, Task<Member?>>> LatestMembership = new(() =>
        EF.CompileAsyncQuery((CollabDbContext db, string user, Platform platform, string workspace, CancellationToken _) =>
            db.Members.IgnoreQueryFilters().Include(m => m.Team!).ThenInclude(t => t.Workspace)
                .Where(m => m.PlatformUserId == user && m.Active && m.Team!.Active && m.WorkspaceId == m.Team.Workspace!.Id
                    && m.Team.Workspace!.Platform == platform && m.Team.Workspace.ExternalId == workspace && m.Team.Workspace.Active)
                .OrderByDescending(m => m.JoinedAt).ThenByDescending(m => m.Id).FirstOrDefault()));

    // keepAt: the route is cached (BotRouter.MapReadOnlyCommand); a caller resolved in a team
    // channel is kept in ResolvedCache under that generation.
    public static async Task<Resolved> CreateAsync(Interaction i, IServiceProvider services, long? keepAt, CancellationToken ct)
    {
        var db = services.GetRequiredService<CollabDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var (verb, args) = i.Kind == InteractionKind.Command ? CommandArgs.Parse(i.Text) : (i.Id, CommandArgs.Empty);
        BotContext Make(Texts t, Workspace? ws = null, Team? team = null, Member? member = null) => new()
        {
            Interaction = i,
            Db = db,
            Services = services,
            Time = time,
            T = t,
            Cancellation = ct,
            Workspace = ws,
            Team = team,
            Member = member,
            Args = args,
        };

        if (i.Kind is InteractionKind.Install or InteractionKind.Uninstall or InteractionKind.MemberChange)
            return new(Make(Texts.For(i.Locale)), null, verb);
        var rejoined = false;

        if (i.ConversationType != ConversationType.Personal)
        {
            // The common case, a team channel, finds workspace and team in one query (a correlated
            // member subquery would make SQLite number every member, so the member comes next).
            var team = await TeamByChannel.For(db)(db, i.ConversationId, i.Platform, i.WorkspaceId, ct);
            if (team is not null)
            {
                db.ForWorkspace(team.WorkspaceId);
                var member = await MemberOfTeam.For(db)(db, team.Id, i.UserId, ct);
                if (member is null)
                {
                    member = new Member
                    {
                        WorkspaceId = team.WorkspaceId,
                        TeamId = team.Id,
                        PlatformUserId = i.UserId,
                        DisplayName = Fit.To(i.UserName ?? i.UserId, Member.MaxName),
                        JoinedAt = Zones.DayStart(time.GetUtcNow(), team.TimeZone)
                    };
                    db.Add(member);
                }
                else if (!member.Active)
                {
                    (member.Active, member.LeftAt, rejoined) = (true, null, true);
                }
                var done = await FinishAsync(team.Workspace!, team, member);
                if (keepAt is { } generation) services.GetService<ResolvedCache>()?.Keep(i, db, team.Workspace!, team, member, generation);
                return done;
            }
        }

        // A direct chat, a form, or a channel that is no team names only the user: their latest
        // active membership, with its team and workspace, in one query. Forms and buttons carry
        // the team they were made for ("t"), so someone in several teams answers in the right
        // one. Only a miss asks which of workspace and membership is unknown.
        var mine = long.TryParse(i.Value(TeamKey), out var hint)
            ? await MembershipIn.For(db)(db, i.UserId, i.Platform, i.WorkspaceId, hint, ct)
            : await LatestMembership.For(db)(db, i.UserId, i.Platform, i.WorkspaceId, ct);
        if (mine is null)
        {
            var installed = await db.Unscoped<Workspace>().FirstOrDefaultAsync(w => w.Platform == i.Platform && w.ExternalId == i.WorkspaceId && w.Active, ct);
            var t = Texts.For(i.Locale, installed?.DefaultLocale);
            // `help` answers everywhere: before any team it is how people learn to add one.
            if (i.Kind == InteractionKind.Command && verb == "help")
                return new(null, Reply.Show(Features.Admin.AdminFeature.HelpWithoutTeam(t, i.Platform)), verb);
            return new(null, Reply.Private(t[installed is null ? "not.installed" : "not.member"]), verb);
        }
        db.ForWorkspace(mine.WorkspaceId);
        return await FinishAsync(mine.Team!.Workspace!, mine.Team, mine);

        // The platform's view of the user wins: their language, name, email and title are kept current.
        async Task<Resolved> FinishAsync(Workspace workspace, Team inTeam, Member who)
        {
            // Saved only when something changed, known here without asking the change tracker
            // (HasChanges scans every tracked entity: ~10 % of a pulse answer's CPU in a trace).
            var changed = rejoined || db.Entry(who).State == EntityState.Added;
            if (Texts.Normalize(i.Locale) is { } locale && who.Locale != locale) (who.Locale, changed) = (locale, true);
            if (i.UserName is { Length: > 0 } given && Fit.To(given, Member.MaxName) is var name && who.DisplayName != name) (who.DisplayName, changed) = (name, true);
            if (i.Profiles?.GetValueOrDefault(i.UserId) is { } profile) changed |= Features.Handoffs.SalesRoles.Apply(who, profile);
            if (changed) await db.SaveChangesAsync(ct);
            return new(Make(Texts.For(who.Locale, inTeam.Locale, workspace.DefaultLocale), workspace, inTeam, who), null, verb);
        }
    }

    // What CreateAsync would have made for a caller it resolved a moment ago, without the database.
    public static BotContext FromCache(Interaction i, IServiceProvider services, ResolvedCache.Entry hit, CommandArgs args, CancellationToken ct) => new()
    {
        Interaction = i,
        Services = services,
        Time = services.GetRequiredService<TimeProvider>(),
        Cancellation = ct,
        T = Texts.For(hit.Member.Locale, hit.Team.Locale, hit.Workspace.DefaultLocale),
        Workspace = hit.Workspace,
        Team = hit.Team,
        Member = hit.Member,
        Args = args,
    };
}
