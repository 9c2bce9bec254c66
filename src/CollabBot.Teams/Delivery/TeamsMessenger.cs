using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using CollabBot.Teams.Web;
using CollabBot.Teams.Wire;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Teams.Delivery;

// Outbox messages into Teams through the Connector, at the service URL captured when the app
// was installed (the conversation reference): a channel gets a new post, a member a 1:1 chat
// (created, or found again, by the Connector), an update replaces the activity posted before.
internal sealed class TeamsMessenger(ConnectorClient connector, CollabDbContext db) : IMessenger
{
    public Platform Platform => Platform.Teams;

    public async Task<DeliveryResult> DeliverAsync(DeliveryRequest request, CancellationToken ct)
    {
        if (request.Reference is not { ServiceUrl: { } serviceUrl } reference)
            return DeliveryResult.Permanent("no conversation reference for this tenant (the app was never installed here)");
        var m = request.Message;
        var tenant = reference.TenantId ?? request.Workspace.ExternalId;
        var activity = TeamsReplies.Message(await RenderAsync(request, ct), request.Card.Fallback);
        try
        {
            if (request.IsUpdate)
            {
                if (request.Replaces?.Split('|') is not [var conversation, var activityId]) return DeliveryResult.Permanent("the message to update has no Teams id");
                await connector.UpdateAsync(serviceUrl, conversation, activityId, activity, ct, tenant, Pacing.MaxWait);
                return DeliveryResult.Sent(request.Replaces);
            }
            // A 1:1 message is two calls: only the first may be put off (NotYet), since once the
            // chat is open the send should follow rather than open it a second time later.
            var channel = m.TargetKind == OutboxTarget.Channel;
            var to = channel ? m.Target
                : await connector.CreatePersonalConversationAsync(serviceUrl, tenant, m.Target, reference.BotId ?? "", ct, Pacing.MaxWait);
            var id = await connector.SendAsync(serviceUrl, to, activity, ct, tenant, channel ? Pacing.MaxWait : TimeSpan.MaxValue);
            return DeliveryResult.Sent($"{to}|{id}");
        }
        catch (ConnectorPacedException e)
        {
            return DeliveryResult.NotYet(e.Wait, e.PerThread ? PaceScope.Target : PaceScope.Workspace);
        }
        catch (ConnectorThrottledException e)
        {
            return DeliveryResult.Throttled(e.RetryAfter, "rate limited by Teams");
        }
        catch (ConnectorException e) when (e.Permanent)
        {
            return DeliveryResult.Permanent($"Teams {(int)e.Status} {e.Code}");
        }
        catch (ConnectorException e)
        {
            return DeliveryResult.Transient($"Teams {(int)e.Status} {e.Code}");
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Transient($"Teams unreachable: {(int?)e.StatusCode}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryResult.Transient("Teams timed out");
        }
    }

    // People a card mentions (`<@29:…>`) are shown by name, as Teams mentions need one; the
    // card as JSON is searched as it is.
    private async Task<Dictionary<string, string>> NamesAsync(DeliveryRequest request, CancellationToken ct)
    {
        var ids = AdaptiveCards.AdaptiveText.Mention().Matches(request.CardJson)
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        return (await db.Unscoped<Member>().Where(m => m.WorkspaceId == request.Workspace.Id && ids.Contains(m.PlatformUserId))
            .Select(m => new { m.PlatformUserId, m.DisplayName }).ToListAsync(ct))
            .GroupBy(m => m.PlatformUserId).ToDictionary(g => g.Key, g => g.First().DisplayName);
    }

    // A card drawn per viewer in a channel asks Teams to refresh it for the team's members
    // (Teams takes at most 60 ids; beyond that a viewer refreshes it by hand).
    private async Task<System.Text.Json.Nodes.JsonObject> RenderAsync(DeliveryRequest request, CancellationToken ct)
    {
        var card = AdaptiveCards.AdaptiveCardRenderer.Card(request.Card, await NamesAsync(request, ct));
        if (request.Card.ViewerRefresh is not { } view || request.Message.TargetKind != OutboxTarget.Channel) return card;
        var members = await db.Unscoped<Member>()
            .Where(m => m.WorkspaceId == request.Workspace.Id && m.Active && m.Team!.ChannelId == request.Message.Target)
            .OrderBy(m => m.Id).Select(m => m.PlatformUserId).Take(AdaptiveCards.AdaptiveCardRenderer.MaxRefreshUsers).ToListAsync(ct);
        return AdaptiveCards.AdaptiveCardRenderer.RefreshFor(card, view.ActionId, view.Payload ?? new Dictionary<string, string>(), members);
    }
}
