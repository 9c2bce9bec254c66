using System.Collections.Concurrent;
using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack.Web;

// Single-workspace mode has no OAuth install: the first request installs the workspace (its
// sender becomes the admin) and a channel used for the first time becomes a team. Reading a
// channel's roster is one users.info per person, so first requests that arrive together share
// one install per channel, and that install looks again before it reads the roster: an install
// that finished a moment ago is not done twice.
internal sealed class SlackInstalls(IOptions<SlackOptions> options, SlackDispatch dispatch)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _running = new(StringComparer.Ordinal);

    public async Task EnsureAsync(IServiceProvider scope, SlackContext context, Interaction interaction, CancellationToken ct)
    {
        if (!options.Value.SingleWorkspace || await KnownAsync(scope.GetRequiredService<CollabDbContext>(), context, interaction, ct)) return;
        var key = interaction.ConversationType == ConversationType.Personal ? context.Workspace : context.Workspace + "|" + interaction.ConversationId;
        var install = _running.GetOrAdd(key, k => new Lazy<Task>(() => InstallAsync(k, context, interaction)));
        await install.Value.WaitAsync(ct);
    }

    // Not tied to one request: the others that wait on it need it finished.
    private async Task InstallAsync(string key, SlackContext context, Interaction interaction)
    {
        try
        {
            await dispatch.InScopeAsync(async scope =>
            {
                var ct = CancellationToken.None;
                if (await KnownAsync(scope.GetRequiredService<CollabDbContext>(), context, interaction, ct)) return;
                var roster = interaction.ConversationType == ConversationType.Personal ? null
                    : await SlackRoster.LoadAsync(scope, context, interaction.ConversationId, ct);
                await dispatch.DispatchAsync(interaction with
                {
                    Kind = InteractionKind.Install,
                    Id = "",
                    Text = null,
                    Users = roster?.Names,
                    Profiles = Merge(roster?.Profiles, interaction.Profiles),
                }, scope, ct);
            });
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }

    private static async Task<bool> KnownAsync(CollabDbContext db, SlackContext context, Interaction interaction, CancellationToken ct) =>
        await db.Unscoped<Workspace>().AnyAsync(w => w.Platform == Platform.Slack && w.ExternalId == context.Workspace && w.Active, ct)
        && (interaction.ConversationType == ConversationType.Personal
            || await db.Unscoped<Team>().AnyAsync(t => t.ChannelId == interaction.ConversationId && t.Active, ct));

    private static Dictionary<string, MemberProfile>? Merge(Dictionary<string, MemberProfile>? roster, IReadOnlyDictionary<string, MemberProfile>? caller)
    {
        if (roster is null) return caller?.ToDictionary();
        foreach (var (id, p) in caller ?? new Dictionary<string, MemberProfile>()) roster[id] = p;
        return roster;
    }
}
