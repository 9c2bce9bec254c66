using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Admin;

// Install, uninstall and roster changes. The first installer of a workspace becomes its
// admin; installing in a channel makes that channel a team; the roster comes in Users.
internal static class InstallFlow
{
    public const string Joined = "joined";
    public const string Left = "left";
    // Values[Scope] = ThisConversation: the app left one conversation (a Teams team or chat),
    // not the whole workspace (tenant).
    public const string Scope = "scope";
    public const string ThisConversation = "conversation";

    public static BotRouter MapInstall(this BotRouter bot) => bot
        .Map(InteractionKind.Install, "", InstallAsync, Access.Anyone)
        .Map(InteractionKind.Uninstall, "", UninstallAsync, Access.Anyone)
        .Map(InteractionKind.MemberChange, "", MembersAsync, Access.Anyone);

    private static async Task<Reply> InstallAsync(BotContext ctx)
    {
        var i = ctx.Interaction;
        var db = ctx.Db;
        var ws = await db.Unscoped<Workspace>().FirstOrDefaultAsync(w => w.Platform == i.Platform && w.ExternalId == i.WorkspaceId, ctx.Cancellation);
        if (ws is null)
        {
            ws = new Workspace
            {
                Platform = i.Platform,
                ExternalId = i.WorkspaceId,
                Name = Fit.To(i.WorkspaceName ?? i.WorkspaceId, Workspace.MaxName),
                CreatedAt = ctx.Now,
                DefaultLocale = Texts.Normalize(i.Locale) ?? Texts.English
            };
            db.Add(ws);
            try
            {
                await db.SaveChangesAsync(ctx.Cancellation);
            }
            catch (DbUpdateException)
            {
                // Another install of the same workspace won the race: use its row.
                db.Entry(ws).State = EntityState.Detached;
                ws = await db.Unscoped<Workspace>().FirstAsync(w => w.Platform == i.Platform && w.ExternalId == i.WorkspaceId, ctx.Cancellation);
            }
        }
        ws.Active = true;
        db.ForWorkspace(ws.Id);
        db.Add(new Installation
        {
            WorkspaceId = ws.Id,
            Platform = i.Platform,
            InstalledBy = i.UserId,
            InstalledAt = ctx.Now,
            ConversationRefJson = i.Reference is null ? null : CollabJson.Serialize(i.Reference)
        });

        var t = Texts.For(i.Locale, ws.DefaultLocale);
        if (i.ConversationType == ConversationType.Personal)
        {
            await db.SaveChangesAsync(ctx.Cancellation);
            return Reply.Show(Welcome(t, null), ephemeral: false);
        }
        var team = await db.Teams.FirstOrDefaultAsync(x => x.ChannelId == i.ConversationId, ctx.Cancellation);
        var created = team is null;
        if (team is null)
        {
            team = new Team
            {
                WorkspaceId = ws.Id,
                Name = Fit.To(i.ConversationName ?? i.ConversationId, Team.MaxName),
                ChannelId = i.ConversationId,
                Locale = ws.DefaultLocale,
                CreatedAt = ctx.Now
            };
            db.Add(team);
            await db.SaveChangesAsync(ctx.Cancellation);
        }
        team.Active = true;
        var roster = new Dictionary<string, string>(i.Users ?? new Dictionary<string, string>());
        if (i.UserName is not null || !roster.ContainsKey(i.UserId)) roster[i.UserId] = i.UserName ?? i.UserId;   // the roster's name beats an id
        await JoinAsync(ctx, team, roster);
        await GiveAdminsAsync(ctx, team);
        if (created)
            await SetupChecklist.QueueAsync(ctx, team, db.Members.Local.Where(m => m.TeamId == team.Id && m.Active && m.IsAdmin).ToList(), t);
        await db.SaveChangesAsync(ctx.Cancellation);
        await ctx.Services.GetRequiredService<ScheduleSync>().TeamChangedAsync(team, ctx.Cancellation);
        return Reply.Show(Welcome(Texts.For(team.Locale), team.Name), ephemeral: false);
    }

    // Every team has an admin, or nobody could run `settings` or `role` in it. A team that has
    // never had one (a new team, or one made before this rule) gets, from its members:
    //  - while the workspace has never had an admin, its first installer (installing through
    //    Slack's OAuth page or Teams' personal scope makes no member yet: the installer becomes
    //    admin once they are in a team);
    //  - otherwise the workspace's admins, those of them who are in this team;
    //  - and when none of those is in it, the person who added the app to this channel: Slack and
    //    Teams let only people allowed to add apps do that, and they chose to bring CollabBot here.
    // Admins get the manager view too, as the first admin always has. A team that has had an
    // admin (even one who left) gets none by re-adding the app: an admin names the next one.
    private static async Task GiveAdminsAsync(BotContext ctx, Team team)
    {
        var db = ctx.Db;
        if (await db.Members.AnyAsync(m => m.TeamId == team.Id && m.IsAdmin, ctx.Cancellation)) return;
        var members = db.Members.Local.Where(m => m.TeamId == team.Id && m.Active).ToList();
        var workspaceAdmins = await db.Members.Where(m => m.IsAdmin && m.Active).Select(m => m.PlatformUserId).Distinct().ToListAsync(ctx.Cancellation);
        var candidates = workspaceAdmins.Count > 0 || await db.Members.AnyAsync(m => m.IsAdmin, ctx.Cancellation) ? workspaceAdmins
            : await db.Installations.OrderBy(x => x.InstalledAt).Select(x => x.InstalledBy).Take(1).ToListAsync(ctx.Cancellation);
        var admins = members.Where(m => candidates.Contains(m.PlatformUserId)).ToList();
        if (admins.Count == 0) admins = members.Where(m => m.PlatformUserId == ctx.Interaction.UserId).ToList();
        foreach (var admin in admins) (admin.IsAdmin, admin.IsManager) = (true, true);
    }

    private static async Task<Reply> UninstallAsync(BotContext ctx)
    {
        var ws = await ctx.Db.Unscoped<Workspace>().FirstOrDefaultAsync(w => w.Platform == ctx.Interaction.Platform && w.ExternalId == ctx.Interaction.WorkspaceId, ctx.Cancellation);
        if (ws is null) return Reply.None;
        ctx.Db.ForWorkspace(ws.Id);
        var sync = ctx.Services.GetRequiredService<ScheduleSync>();
        if (ctx.Interaction.Value(Scope) == ThisConversation)
        {
            var here = ctx.Db.Teams.Where(t => t.ChannelId == ctx.Interaction.ConversationId);
            var ids = await here.Select(t => t.Id).ToListAsync(ctx.Cancellation);
            await here.ExecuteUpdateAsync(s => s.SetProperty(t => t.Active, false), ctx.Cancellation);
            ResolvedCache.Changed();   // a bulk update passes no change tracker
            await sync.TeamsRemovedAsync(ids, ctx.Cancellation);
            return Reply.None;
        }
        ws.Active = false;
        var all = await ctx.Db.Teams.Select(t => t.Id).ToListAsync(ctx.Cancellation);
        await ctx.Db.Teams.ExecuteUpdateAsync(s => s.SetProperty(t => t.Active, false), ctx.Cancellation);
        ResolvedCache.Changed();
        await ctx.Db.Installations.Where(x => x.UninstalledAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.UninstalledAt, ctx.Now).SetProperty(x => x.EncryptedBotToken, (string?)null), ctx.Cancellation);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        await sync.TeamsRemovedAsync(all, ctx.Cancellation);
        return Reply.None;
    }

    // Values["joined"] / Values["left"]: comma-separated user ids; Users: their names.
    private static async Task<Reply> MembersAsync(BotContext ctx)
    {
        var i = ctx.Interaction;
        var ws = await ctx.Db.Unscoped<Workspace>().FirstOrDefaultAsync(w => w.Platform == i.Platform && w.ExternalId == i.WorkspaceId && w.Active, ctx.Cancellation);
        if (ws is null) return Reply.None;
        ctx.Db.ForWorkspace(ws.Id);
        var team = await ctx.Db.Teams.FirstOrDefaultAsync(t => t.ChannelId == i.ConversationId && t.Active, ctx.Cancellation);
        if (team is null) return Reply.None;
        var joined = Ids(i.Value(Joined));
        await JoinAsync(ctx, team, joined.ToDictionary(u => u, u => i.Users?.GetValueOrDefault(u) ?? u));
        var left = Ids(i.Value(Left));
        foreach (var m in await ctx.Db.Members.Where(m => m.TeamId == team.Id && m.Active && left.Contains(m.PlatformUserId)).ToListAsync(ctx.Cancellation))
            (m.Active, m.LeftAt) = (false, Zones.DayStart(ctx.Now, team.TimeZone));
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return Reply.None;
    }

    private static List<string> Ids(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static async Task JoinAsync(BotContext ctx, Team team, IReadOnlyDictionary<string, string> users)
    {
        var ids = users.Keys.ToList();
        var known = await ctx.Db.Members.Where(m => m.TeamId == team.Id && ids.Contains(m.PlatformUserId)).ToListAsync(ctx.Cancellation);
        foreach (var m in known.Where(m => !m.Active)) (m.Active, m.LeftAt) = (true, null);
        var added = users.Where(u => known.All(k => k.PlatformUserId != u.Key)).Select(u => new Member
        { WorkspaceId = team.WorkspaceId, TeamId = team.Id, PlatformUserId = u.Key, DisplayName = Fit.To(u.Value, Member.MaxName), JoinedAt = Zones.DayStart(ctx.Now, team.TimeZone) }).ToList();
        ctx.Db.AddRange(added);
        // A roster read from the platform may say each person's email and title.
        foreach (var m in known.Concat(added))
            if (ctx.Interaction.Profiles?.GetValueOrDefault(m.PlatformUserId) is { } profile) SalesRoles.Apply(m, profile);
    }

    public static Card Welcome(Texts t, string? team) => new("admin.welcome", t["welcome.title"],
    [
        new Header(t["welcome.title"]),
        new TextBlock(team is null ? t["welcome.personal"] : t.F("welcome.team", team)),
        new TextBlock(t["welcome.next"], Subtle: true),
    ]);
}
