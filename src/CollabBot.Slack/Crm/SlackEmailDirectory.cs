using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Storage;
using CollabBot.Slack.Install;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Crm;

// users.lookupByEmail (Tier 3, scope users:read.email): the Slack user with an email in one
// workspace. users_not_found is an answer (nobody); a rate limit or an outage is not.
internal sealed class SlackEmailDirectory(SlackApi api, SlackTokens tokens, CollabDbContext db) : IEmailDirectory
{
    public Platform Platform => Platform.Slack;

    public async Task<DirectoryAnswer> FindAsync(Workspace workspace, string email, CancellationToken ct)
    {
        var token = await tokens.ForWorkspaceAsync(db, workspace.ExternalId, ct);
        if (token is null) return DirectoryAnswer.None;
        try
        {
            var json = await api.CallFormAsync("users.lookupByEmail", token, new Dictionary<string, string> { ["email"] = email }, workspace.ExternalId, ct);
            return json.At("user").At("id").Str() is { } user && json["user"]?["is_bot"]?.GetValue<bool>() != true
                ? new DirectoryAnswer([user]) : DirectoryAnswer.None;
        }
        catch (SlackApiException e) when (e.Error is "users_not_found" or "user_not_found")
        {
            return DirectoryAnswer.None;
        }
        catch (SlackApiException e) when (e.Permanent)
        {
            // No users:read.email scope, a revoked token: Slack cannot tell, and asking again will not help.
            return DirectoryAnswer.None;
        }
        catch (Exception e) when (e is SlackApiException or SlackRateLimitedException or HttpRequestException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new DirectoryAnswer([], $"Slack users.lookupByEmail: {e.Message}");
        }
    }
}
