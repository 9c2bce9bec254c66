using CollabBot.Core;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Web;

// POST /slack/interactions: form field `payload` holding block_actions, view_submission,
// view_closed or a shortcut.
internal static class SlackInteractions
{
    public const string KudosShortcut = "kudos.compose";

    public static async Task<IResult> HandleAsync(HttpContext http, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CollabBot.Slack.Interactions");
        var verified = await SlackRequest.ReadAsync(http, log, json: false, once: true);
        if (verified.Failure is { } failure) return failure;
        var payload = SlackRequest.FormField(verified.Body, "payload") is { } field ? WireJson.ParseObject(field) : null;
        var user = Str(payload.At("user").At("id"));
        if (payload is null || user is null) return Results.BadRequest("payload must be a JSON object with a user");

        var teamId = Str(payload.At("team").At("id")) ?? Str(payload.At("user").At("team_id"));
        var enterpriseId = Str(payload.At("team").At("enterprise_id")) ?? Str(payload.At("enterprise").At("id"));
        var type = Str(payload.At("type"));
        if (type is not ("block_actions" or "view_submission" or "message_action")) return Results.Ok();

        var ct = http.RequestAborted;
        var context = await SlackContext.ResolveAsync(http, teamId, enterpriseId, user, ct);
        var channel = Str(payload.At("channel").At("id")) ?? Str(payload.At("container").At("channel_id"));
        var conversation = new SlackConversation(context.Workspace, context.Token, channel, user, Str(payload.At("trigger_id")),
            SlackRequest.ResponseUrl(Str(payload.At("response_url"))));
        var replies = http.RequestServices.GetRequiredService<SlackReplies>();
        Interaction Make(InteractionKind kind, string id, Dictionary<string, string> values) =>
            new(Platform.Slack, context.Workspace, user, channel ?? "D-" + user, kind, id, Values: values, Locale: context.User?.Locale,
                UserName: context.User?.Name, ConversationType: channel is null ? ConversationType.Personal : SlackCommands.ConversationOf(channel),
                Profiles: context.Profiles);

        switch (type)
        {
            case "block_actions":
                var action = payload.At("actions").At(0);
                if (Str(action.At("action_id")) is not { } actionId) return Results.BadRequest("block_actions without an action");
                return await SlackDispatch.RunAsync(http, Make(InteractionKind.Action, actionId, ActionValue.Decode(Str(action.At("value")))),
                    r => replies.ForActionAsync(r, conversation), r => replies.LateAsync(r, conversation), log);
            case "view_submission":
                var view = payload.At("view");
                if (Str(view.At("callback_id")) is not { } callback) return Results.BadRequest("view_submission without a callback_id");
                var values = ActionValue.Decode(Str(view.At("private_metadata")));
                foreach (var (key, value) in StateValues(view.At("state").At("values") as JsonObject)) values[key] = value;
                var title = Str(view.At("title").At("text")) ?? "CollabBot";
                return await SlackDispatch.RunAsync(http, Make(InteractionKind.Submit, callback, values),
                    r => Task.FromResult(replies.ForSubmission(r, title)), r => replies.ViaApiAsync(r, conversation with { Channel = null }), log);
            default:
                // The message shortcut "Give kudos for this message": the author is the receiver.
                if (Str(payload.At("callback_id")) != KudosShortcut) return Results.Ok();
                var author = Str(payload.At("message").At("user")) ?? "";
                return await SlackDispatch.RunAsync(http, Make(InteractionKind.Action, KudosShortcut, new() { ["to"] = author }),
                    r => replies.ForActionAsync(r, conversation), r => replies.LateAsync(r, conversation), log);
        }
    }

    // view.state.values[block_id][action_id]: our inputs use the field id for both.
    public static IEnumerable<(string Key, string Value)> StateValues(JsonObject? state)
    {
        if (state is null) yield break;
        foreach (var (_, block) in state)
            foreach (var (actionId, element) in block as JsonObject ?? [])
            {
                var value = Str(element.At("value")) ?? Str(element.At("selected_option").At("value"))
                    ?? (element.At("selected_options") is JsonArray many ? string.Join(',', many.Select(o => Str(o.At("value")))) : null);
                if (value is not null) yield return (actionId, value);
            }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
