using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Bot;

// Free text a person typed that the bot shows again (a kudos message in the channel, a
// handoff's subject in someone's chat, a goal title in the team's list). A mention written
// `<@id>` is drawn by each platform as a live mention that notifies; kept live only for an
// active member of the team, so the bot cannot be made to ping people outside it. Anyone else
// becomes plain text: the name the mention carried, else the id, with no "@" a platform could
// parse again. Slack's broadcasts (`<!channel>`, `<!here>`) never survive the renderers'
// escaping; Teams builds its mention entities from the roster's names (TeamsTurns, TeamsMessenger).
internal static partial class UserText
{
    public static async Task<string> MembersOnlyAsync(this BotContext ctx, string text)
    {
        var ids = Mention().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        if (ids.Count == 0) return text;
        var team = ctx.RequiredTeam.Id;
        var members = (await ctx.Db.Members.Where(m => m.TeamId == team && m.Active && ids.Contains(m.PlatformUserId))
            .Select(m => m.PlatformUserId).ToListAsync(ctx.Cancellation)).ToHashSet(StringComparer.Ordinal);
        return Only(text, members);
    }

    public static string Only(string text, IReadOnlySet<string> members) => Mention().Replace(text, m =>
    {
        var id = m.Groups[1].Value;
        if (members.Contains(id)) return $"<@{id}>";
        var name = m.Groups[2].Success ? m.Groups[2].Value.Trim().TrimStart('@') : "";
        return name.Length > 0 ? name : id;
    });

    [GeneratedRegex(@"<@([A-Za-z0-9._:\-]+)(?:\|([^<>]*))?>")]
    private static partial Regex Mention();
}
