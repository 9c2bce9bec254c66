using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Teams.AdaptiveCards;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Teams.Web;

// The names a reply's mentions are drawn with, from the roster of the tenant's teams. The
// mention entities an activity carried are the sender's to write (any id, any name), so they
// never name anyone in what the bot sends back; someone not in the roster gets no entity at
// all (AdaptiveText).
internal static class RosterNames
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(IServiceProvider services, string tenant, Reply reply, CancellationToken ct)
    {
        var text = reply switch
        {
            NoReply => "",
            TextReply t => t.Text,
            _ => CollabJson.Serialize(reply),
        };
        var ids = Mentioned(text);
        if (ids.Count == 0) return None;
        var db = services.GetRequiredService<CollabDbContext>();
        return (await db.Unscoped<Member>()
                .Where(m => ids.Contains(m.PlatformUserId) && m.Team!.Workspace!.Platform == Platform.Teams && m.Team.Workspace.ExternalId == tenant)
                .Select(m => new { m.PlatformUserId, m.DisplayName }).ToListAsync(ct))
            .GroupBy(m => m.PlatformUserId).ToDictionary(g => g.Key, g => g.First().DisplayName);
    }

    private static List<string> Mentioned(string text) =>
        text.Contains("<@", StringComparison.Ordinal) ? AdaptiveText.Mention().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList() : [];
}
