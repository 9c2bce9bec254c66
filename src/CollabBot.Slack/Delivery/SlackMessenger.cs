using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using CollabBot.Slack.BlockKit;
using CollabBot.Slack.Install;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Delivery;

// Outbox messages into Slack: chat.postMessage to a channel, or to a user id (Slack opens
// the app's DM with them), and chat.update for updates. The platform id kept for updates is
// "channel|ts", since a DM's channel id is only known from the post's answer. Every post
// carries its idempotency key as message metadata, so a resend after a crash can look first
// (SlackMessenger.Lookup.cs).
internal sealed partial class SlackMessenger(SlackApi api, SlackTokens tokens, CollabDbContext db) : IMessenger
{
    public Platform Platform => Platform.Slack;

    public async Task<DeliveryResult> DeliverAsync(DeliveryRequest request, CancellationToken ct)
    {
        var workspace = request.Workspace.ExternalId;
        var token = await tokens.ForWorkspaceAsync(db, workspace, ct);
        if (token is null) return DeliveryResult.Permanent("the workspace has no bot token (uninstalled?)");
        var body = BlockKitRenderer.Message(request.Card);
        try
        {
            if (request.IsUpdate)
            {
                if (request.Replaces?.Split('|') is not [var channel, var ts]) return DeliveryResult.Permanent("the message to update has no Slack id");
                body["channel"] = channel;
                body["ts"] = ts;
                await api.CallAsync("chat.update", token, body, workspace, channel, Pacing.MaxWait, ct);
                return DeliveryResult.Sent(request.Replaces);
            }
            body["channel"] = request.Message.Target;
            body["metadata"] = Metadata(request.Message.IdempotencyKey);
            var posted = await api.CallAsync("chat.postMessage", token, body, workspace, request.Message.Target, Pacing.MaxWait, ct);
            return DeliveryResult.Sent($"{WireJson.Str(posted["channel"]) ?? request.Message.Target}|{WireJson.Str(posted["ts"])}");
        }
        catch (SlackPacedException e)
        {
            return DeliveryResult.NotYet(e.Wait, e.PerChannel ? PaceScope.Target : PaceScope.Workspace);
        }
        catch (SlackRateLimitedException e)
        {
            return DeliveryResult.Throttled(e.RetryAfter, "rate limited by Slack");
        }
        catch (SlackApiException e) when (e.Permanent)
        {
            return DeliveryResult.Permanent($"Slack {e.Method}: {e.Error}");
        }
        catch (SlackApiException e)
        {
            return DeliveryResult.Transient($"Slack {e.Method}: {e.Error}");
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Transient($"Slack unreachable: {(int?)e.StatusCode}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryResult.Transient("Slack timed out");
        }
    }
}
