using System.Text.Json.Nodes;
using CollabBot.Core.Bot;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Web;

// A channel's people with their names and profiles (conversations.members, then users.info,
// cached), leaving out bots — the app itself among them — and capped so a huge channel cannot
// stall an install.
internal static class SlackRoster
{
    public const int MaxMembers = 500;

    public sealed record People(Dictionary<string, string> Names, Dictionary<string, MemberProfile> Profiles);

    public static async Task<People> LoadAsync(IServiceProvider services, SlackContext context, string channel, CancellationToken ct)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var profiles = new Dictionary<string, MemberProfile>(StringComparer.Ordinal);
        if (context.Token is null) return new People(result, profiles);
        var api = services.GetRequiredService<SlackApi>();
        var users = services.GetRequiredService<SlackUsers>();
        string? cursor = null;
        do
        {
            var body = new JsonObject { ["channel"] = channel, ["limit"] = 200 };
            if (cursor is not null) body["cursor"] = cursor;
            var page = await api.CallAsync("conversations.members", context.Token, body, context.Workspace, ct: ct);
            foreach (var id in (page["members"] as JsonArray ?? []).Select(m => m?.GetValue<string>()).OfType<string>())
                if (result.Count < MaxMembers && await users.GetAsync(context.Workspace, context.Token, id, ct) is { IsBot: false } person)
                    (result[id], profiles[id]) = (person.Name, person.Profile);
            cursor = page["response_metadata"]?["next_cursor"]?.GetValue<string>();
        } while (!string.IsNullOrEmpty(cursor) && result.Count < MaxMembers);
        return new People(result, profiles);
    }
}
