using System.Globalization;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Delivery;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Delivery;

// Check before resend. A post carries metadata {event_type, event_payload: {key}}; after an
// attempt of unknown outcome the conversation's history since that attempt is read back
// (conversations.history with include_all_metadata, which is what returns event_payload) and
// a message of ours carrying the key is taken as the delivery instead of posting again.
// Scopes: channels:history / groups:history for team channels, im:history for DMs (a DM's
// channel id comes from conversations.open, im:write). Pages hold 15 messages: the most that
// non-Marketplace apps may ask for since 2025, and the window is short anyway.
internal sealed partial class SlackMessenger : ISentLookup
{
    public const string MetadataEventType = "collabbot_outbox_message";
    private const int PageSize = 15;
    private const int MaxPages = 20;
    // Slack stamps ts with its own clock; ours may differ by a little.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    public static JsonObject Metadata(string key) =>
        new() { ["event_type"] = MetadataEventType, ["event_payload"] = new JsonObject { ["key"] = key } };

    public async Task<DeliveryResult?> FindAsync(DeliveryRequest request, DateTimeOffset since, CancellationToken ct)
    {
        // An update sent twice leaves the message as one update would.
        if (request.IsUpdate) return null;
        var workspace = request.Workspace.ExternalId;
        var token = await tokens.ForWorkspaceAsync(db, workspace, ct);
        if (token is null) return null;   // the post will fail for the same reason, with it
        try
        {
            var channel = request.Message.Target;
            if (request.Message.TargetKind == OutboxTarget.Member)
                channel = WireJson.Str((await api.CallAsync("conversations.open", token, new JsonObject { ["users"] = channel }, workspace, ct: ct))["channel"]?["id"]) ?? channel;
            var oldest = ((since - ClockMargin).ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture);
            string? cursor = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var fields = new Dictionary<string, string>
                {
                    ["channel"] = channel,
                    ["oldest"] = oldest,
                    ["inclusive"] = "true",
                    ["limit"] = PageSize.ToString(CultureInfo.InvariantCulture),
                    ["include_all_metadata"] = "true",
                };
                if (cursor is not null) fields["cursor"] = cursor;
                var history = await api.CallFormAsync("conversations.history", token, fields, workspace, ct);
                foreach (var m in history["messages"] as JsonArray ?? [])
                {
                    if (WireJson.Str(m?["metadata"]?["event_type"]) == MetadataEventType && WireJson.Str(m?["metadata"]?["event_payload"]?["key"]) == request.Message.IdempotencyKey
                        && WireJson.Str(m?["ts"]) is { } ts)
                        return DeliveryResult.Sent($"{channel}|{ts}");
                }
                cursor = WireJson.Str(history["response_metadata"]?["next_cursor"]);
                if (string.IsNullOrEmpty(cursor) || history["has_more"]?.GetValue<bool>() == false) return null;
            }
            return null;
        }
        catch (SlackRateLimitedException e)
        {
            return DeliveryResult.Unresolved(e.RetryAfter, "rate limited by Slack while checking for an earlier post");
        }
        catch (SlackApiException e) when (e.Permanent)
        {
            // Cannot look (an install without the history scopes, say): post, as Teams does.
            return null;
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return DeliveryResult.Unresolved(null, $"could not check Slack for an earlier post: {e.Message}");
        }
    }
}
