using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Slack.Install;
using CollabBot.Slack.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack.Web;

// The Slack side of a request: which stored workspace it belongs to, its bot token, and the
// caller's profile (name, locale) from users.info.
internal sealed record SlackContext(string Workspace, string? Token, SlackUser? User)
{
    // What users.info says of the caller, for the core to keep their email and title current.
    public IReadOnlyDictionary<string, MemberProfile>? Profiles => User is null ? null : new Dictionary<string, MemberProfile> { [User.Id] = User.Profile };

    public static async Task<SlackContext> ResolveAsync(HttpContext http, string? teamId, string? enterpriseId, string? userId, CancellationToken ct)
    {
        // Which workspace and token a Slack team maps to changes only on (un)install: remember
        // it for a minute rather than read it on every request.
        var cache = http.RequestServices.GetRequiredService<IMemoryCache>();
        var key = $"slack-workspace|{teamId}|{enterpriseId}";
        if (!cache.TryGetValue(key, out (string Workspace, string? Token) known))
        {
            var db = http.RequestServices.GetRequiredService<CollabDbContext>();
            var found = await SlackTokens.WorkspaceKeyAsync(db, teamId, enterpriseId, ct);
            known = (found, await http.RequestServices.GetRequiredService<SlackTokens>().ForWorkspaceAsync(db, found, ct));
            // Not installed yet (no token): look again soon, an install may be under way.
            cache.Set(key, known, known.Token is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromMinutes(1));
        }
        var (workspace, token) = known;
        var user = userId is null ? null : await http.RequestServices.GetRequiredService<SlackUsers>().GetAsync(workspace, token, userId, ct);
        return new SlackContext(workspace, token, user);
    }

    // Single-workspace mode has no OAuth install: the first request installs the workspace
    // (its sender becomes the admin) and a channel used for the first time becomes a team.
    public static async Task EnsureInstalledAsync(HttpContext http, SlackContext context, Interaction interaction, CancellationToken ct)
    {
        if (!http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value.SingleWorkspace) return;
        var db = http.RequestServices.GetRequiredService<CollabDbContext>();
        var known = await db.Unscoped<Workspace>().AnyAsync(w => w.Platform == Platform.Slack && w.ExternalId == context.Workspace && w.Active, ct)
            && (interaction.ConversationType == ConversationType.Personal
                || await db.Unscoped<Team>().AnyAsync(t => t.ChannelId == interaction.ConversationId && t.Active, ct));
        if (known) return;
        var roster = interaction.ConversationType == ConversationType.Personal ? null
            : await SlackRoster.LoadAsync(http.RequestServices, context, interaction.ConversationId, ct);
        await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BotRouter>().DispatchAsync(
            interaction with { Kind = InteractionKind.Install, Id = "", Text = null, Users = roster?.Names, Profiles = Merge(roster?.Profiles, interaction.Profiles) },
            scope.ServiceProvider, ct);
    }

    private static Dictionary<string, MemberProfile>? Merge(Dictionary<string, MemberProfile>? roster, IReadOnlyDictionary<string, MemberProfile>? caller)
    {
        if (roster is null) return caller?.ToDictionary();
        foreach (var (id, p) in caller ?? new Dictionary<string, MemberProfile>()) roster[id] = p;
        return roster;
    }
}
