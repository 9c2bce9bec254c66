using CollabBot.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack.Install;

// Bot tokens at rest are encrypted with ASP.NET Core Data Protection. In single-workspace
// mode (Slack:BotToken) the configured token serves every request.
internal sealed class SlackTokens(IDataProtectionProvider protection, IOptions<SlackOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("CollabBot.Slack.BotToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    public async Task<string?> ForWorkspaceAsync(CollabDbContext db, string workspaceExternalId, CancellationToken ct)
    {
        if (options.Value.SingleWorkspace) return options.Value.BotToken;
        var sealedToken = await db.Unscoped<Installation>()
            .Where(i => i.Platform == Platform.Slack && i.UninstalledAt == null && i.EncryptedBotToken != null
                && db.Unscoped<Workspace>().Any(w => w.Id == i.WorkspaceId && w.ExternalId == workspaceExternalId && w.Active))
            .OrderByDescending(i => i.InstalledAt).Select(i => i.EncryptedBotToken).FirstOrDefaultAsync(ct);
        return sealedToken is null ? null : _protector.Unprotect(sealedToken);
    }

    // The external id the workspace was installed under: the team, or for an Enterprise Grid
    // org-wide install, the enterprise.
    public static async Task<string> WorkspaceKeyAsync(CollabDbContext db, string? teamId, string? enterpriseId, CancellationToken ct)
    {
        if (teamId is not null && await db.Unscoped<Workspace>().AnyAsync(w => w.Platform == Platform.Slack && w.ExternalId == teamId, ct))
            return teamId;
        if (enterpriseId is not null && await db.Unscoped<Workspace>().AnyAsync(w => w.Platform == Platform.Slack && w.ExternalId == enterpriseId, ct))
            return enterpriseId;
        return teamId ?? enterpriseId ?? "";
    }
}
