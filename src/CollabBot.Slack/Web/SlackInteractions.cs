using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Storage;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Web;

// POST /slack/interactions: form field `payload` holding block_actions, view_submission,
// view_closed or a shortcut.
internal static class SlackInteractions
{
    [SlackSigned(SlackContent.Form, once: true)]
    public static async Task<IResult> HandleAsync(SlackBody body, SlackDispatch dispatch, SlackReplies replies, HttpContext http)
    {
        var payload = SlackRequest.FormField(body.Bytes, "payload") is { } field ? WireJson.ParseObject(field) : null;
        var user = payload.At("user").At("id").Str();
        if (payload is null || user is null) return Results.BadRequest("payload must be a JSON object with a user");

        var teamId = payload.At("team").At("id").Str() ?? payload.At("user").At("team_id").Str();
        var enterpriseId = payload.At("team").At("enterprise_id").Str() ?? payload.At("enterprise").At("id").Str();
        var type = payload.At("type").Str();
        if (type is not ("block_actions" or "view_submission" or "message_action")) return Results.Ok();

        var ct = http.RequestAborted;
        var context = await SlackContext.ResolveAsync(http.RequestServices, teamId, enterpriseId, user, ct);
        var channel = payload.At("channel").At("id").Str() ?? payload.At("container").At("channel_id").Str();
        var conversation = new SlackConversation(context.Workspace, context.Token, channel, user, payload.At("trigger_id").Str(),
            SlackRequest.ResponseUrl(payload.At("response_url").Str()), context.User?.Locale);
        Interaction Make(InteractionKind kind, string id, Dictionary<string, string> values) =>
            new(Platform.Slack, context.Workspace, user, channel ?? "D-" + user, kind, id, Values: values, Locale: context.User?.Locale,
                UserName: context.User?.Name, ConversationType: channel is null ? ConversationType.Personal : SlackCommands.ConversationOf(channel),
                Profiles: context.Profiles);

        switch (type)
        {
            case "block_actions":
                var action = payload.At("actions").At(0);
                if (action.At("action_id").Str() is not { } actionId) return Results.BadRequest("block_actions without an action");
                return await dispatch.AckAsync(body, Make(InteractionKind.Action, actionId, ActionValue.Decode(action.At("value").Str())),
                    r => replies.ForActionAsync(r, conversation), r => replies.LateAsync(r, conversation), ct);
            case "view_submission":
                var view = payload.At("view");
                if (view.At("callback_id").Str() is not { } callback) return Results.BadRequest("view_submission without a callback_id");
                var values = ActionValue.Decode(view.At("private_metadata").Str());
                foreach (var (key, value) in StateValues(view.At("state").At("values") as JsonObject)) values[key] = value;
                var title = view.At("title").At("text").Str() ?? "CollabBot";
                // Too late to keep the modal open: the answer, errors included, goes to a DM.
                return await dispatch.AckAsync(body, Make(InteractionKind.Submit, callback, values),
                    r => Task.FromResult(SlackReplies.ForSubmission(r, title)), r => replies.ViaApiAsync(r, conversation with { Channel = null }), ct);
            default:
                // The message shortcut "Give kudos for this message": the core's compose action,
                // with the message's author as the receiver.
                if (payload.At("callback_id").Str() != KudosActions.Compose) return Results.Ok();
                var author = payload.At("message").At("user").Str() ?? "";
                return await dispatch.AckAsync(body, Make(InteractionKind.Action, KudosActions.Compose, new() { [KudosActions.To] = author }),
                    r => replies.ForActionAsync(r, conversation), r => replies.LateAsync(r, conversation), ct);
        }
    }

    // view.state.values[block_id][action_id]: our inputs use the field id for both.
    public static IEnumerable<(string Key, string Value)> StateValues(JsonObject? state)
    {
        if (state is null) yield break;
        foreach (var (_, block) in state)
            foreach (var (actionId, element) in block as JsonObject ?? [])
            {
                var value = element.At("value").Str() ?? element.At("selected_option").At("value").Str()
                    ?? (element.At("selected_options") is JsonArray many ? string.Join(',', many.Select(o => o.At("value").Str())) : null);
                if (value is not null) yield return (actionId, value);
            }
    }
}
