using System.Text.Json.Nodes;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Web;

// A channel's people with their names (conversations.members, then users.info, cached),
// leaving out bots — the app itself among them — and capped so a huge channel cannot stall
// an install.
internal static class SlackRoster
{
    public const int MaxMembers = 500;

    public static async Task<Dictionary<string, string>> LoadAsync(IServiceProvider services, SlackContext context, string channel, CancellationToken ct)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Token is null) return result;
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
                    result[id] = person.Name;
            cursor = page["response_metadata"]?["next_cursor"]?.GetValue<string>();
        } while (!string.IsNullOrEmpty(cursor) && result.Count < MaxMembers);
        return result;
    }
}
