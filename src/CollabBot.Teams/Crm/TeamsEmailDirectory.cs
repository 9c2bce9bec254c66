using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Storage;
using CollabBot.Teams.Wire;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Teams.Crm;

// Teams has no lookup by email: the tenant's teams' rosters (pagedmembers) say each member's
// email and user principal name, and the members who have this one are the answer. The
// service URL is the one captured at install (the conversation reference).
internal sealed class TeamsEmailDirectory(ConnectorClient connector, CollabDbContext db) : IEmailDirectory
{
    public Platform Platform => Platform.Teams;

    public async Task<DirectoryAnswer> FindAsync(Workspace workspace, string email, CancellationToken ct)
    {
        var json = await db.Unscoped<Installation>().Where(i => i.WorkspaceId == workspace.Id && i.ConversationRefJson != null)
            .OrderByDescending(i => i.InstalledAt).Select(i => i.ConversationRefJson).FirstOrDefaultAsync(ct);
        if (json is null || CollabJson.Deserialize<ConversationRef>(json).ServiceUrl is not { } serviceUrl) return DirectoryAnswer.None;
        var channels = await db.Unscoped<Team>().Where(t => t.WorkspaceId == workspace.Id && t.Active).OrderBy(t => t.Id)
            .Select(t => t.ChannelId).ToListAsync(ct);
        var found = new List<string>();
        try
        {
            foreach (var channel in channels)
                await foreach (var m in connector.PagedMembersAsync(serviceUrl, channel, ct))
                    if (Same(m.Email, email) || Same(m.UserPrincipalName, email)) found.Add(m.Id);
        }
        catch (Exception e) when (e is ConnectorException or ConnectorThrottledException or HttpRequestException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new DirectoryAnswer([], $"Teams roster: {e.Message}");
        }
        return new DirectoryAnswer(found.Distinct().ToList());
    }

    private static bool Same(string? a, string b) => a is not null && a.Trim().Equals(b, StringComparison.OrdinalIgnoreCase);
}
