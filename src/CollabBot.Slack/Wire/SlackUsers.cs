using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;

namespace CollabBot.Slack.Wire;

// Email needs the users:read.email scope (profile.email is left out without it); Title is the
// profile's job title, "" when the user set none.
internal sealed record SlackUser(string Id, string Name, string? Locale, string? TimeZone, bool IsBot = false, string? Email = null, string? Title = null)
{
    public CollabBot.Core.Bot.MemberProfile Profile => new(Email, Title);
}

// users.info (with the user's locale), cached for an hour: a user's language, name, email and
// title rarely change, and the ack path should not wait on Slack every time.
internal sealed class SlackUsers(SlackApi api, IMemoryCache cache)
{
    public async Task<SlackUser?> GetAsync(string workspace, string? token, string userId, CancellationToken ct)
    {
        if (token is null) return null;
        var key = $"slack-user|{workspace}|{userId}";
        if (cache.TryGetValue(key, out SlackUser? known)) return known;
        try
        {
            var json = await api.CallAsync("users.info", token, new JsonObject { ["user"] = userId, ["include_locale"] = true }, workspace, ct: ct);
            var u = json["user"];
            var user = new SlackUser(userId,
                u?["profile"]?["display_name"]?.GetValue<string>() is { Length: > 0 } display ? display : u?["real_name"]?.GetValue<string>() ?? u?["name"]?.GetValue<string>() ?? userId,
                u?["locale"]?.GetValue<string>(), u?["tz"]?.GetValue<string>(),
                u?["is_bot"]?.GetValue<bool>() == true || u?["deleted"]?.GetValue<bool>() == true,
                u?["profile"]?["email"]?.GetValue<string>(), u?["profile"]?["title"]?.GetValue<string>() ?? "");
            cache.Set(key, user, TimeSpan.FromHours(1));
            return user;
        }
        catch (Exception e) when (e is SlackApiException or SlackRateLimitedException or HttpRequestException)
        {
            return null;   // name and locale are niceties: the command still works without them
        }
    }
}
