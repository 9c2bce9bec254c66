using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Slack.Install;
using CollabBot.Slack.Wire;
using Microsoft.Extensions.Caching.Memory;

namespace CollabBot.Slack.Web;

// The Slack side of a request: which stored workspace it belongs to, its bot token, and the
// caller's profile (name, locale) from users.info.
internal sealed record SlackContext(string Workspace, string? Token, SlackUser? User)
{
    // What users.info says of the caller, for the core to keep their email and title current.
    public IReadOnlyDictionary<string, MemberProfile>? Profiles => User is null ? null : new Dictionary<string, MemberProfile> { [User.Id] = User.Profile };

    // scope: the services of whoever resolves it (the request, or work apart from it). The
    // database is asked only when the cache does not know the team.
    public static async Task<SlackContext> ResolveAsync(IServiceProvider scope, string? teamId, string? enterpriseId, string? userId, CancellationToken ct)
    {
        // Which workspace and token a Slack team maps to changes only on (un)install: remember
        // it for a minute rather than read it on every request.
        var cache = scope.GetRequiredService<IMemoryCache>();
        var key = $"slack-workspace|{teamId}|{enterpriseId}";
        if (!cache.TryGetValue(key, out (string Workspace, string? Token) known))
        {
            var db = scope.GetRequiredService<CollabDbContext>();
            var found = await SlackTokens.WorkspaceKeyAsync(db, teamId, enterpriseId, ct);
            known = (found, await scope.GetRequiredService<SlackTokens>().ForWorkspaceAsync(db, found, ct));
            // Not installed yet (no token): look again soon, an install may be under way.
            cache.Set(key, known, known.Token is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromMinutes(1));
        }
        var (workspace, token) = known;
        var user = userId is null ? null : await scope.GetRequiredService<SlackUsers>().GetAsync(workspace, token, userId, ct);
        return new SlackContext(workspace, token, user);
    }
}
