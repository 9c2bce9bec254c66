using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Teams.AdaptiveCards;

namespace CollabBot.Teams.Web;

// Invoke activities: the HTTP response is the result (Teams: an adaptiveCard/action invoke is
// answered with {statusCode, type, value}, Universal Actions for Adaptive Cards; a dialog's
// task/fetch or task/submit with {task: continue | message}, dialogs in bots).
internal static class TeamsInvokes
{
    public const string CardAction = "adaptiveCard/action";
    public const string DialogFetch = "task/fetch";
    public const string DialogSubmit = "task/submit";
    private const string CardType = "application/vnd.microsoft.card.adaptive";
    private const string MessageType = "application/vnd.microsoft.activity.message";

    public static bool Known(string? name) => name is CardAction or DialogFetch or DialogSubmit;

    // Which neutral interaction an invoke is: its verb and the short ids it carries.
    public static (InteractionKind Kind, string Id, Dictionary<string, string> Values)? Read(TeamsActivity a, BotRouter router)
    {
        var (verb, data) = a.Name == CardAction
            ? (a.Value.At("action").At("verb").Str(), a.Value.At("action").At("data") as JsonObject)
            : (a.Value.At("data").At("verb").Str(), a.Value.At("data") as JsonObject);
        if (string.IsNullOrEmpty(verb)) return null;
        var values = Flatten(data);
        var kind = a.Name == DialogSubmit || (a.Name == CardAction && router.Handles(InteractionKind.Submit, verb))
            ? InteractionKind.Submit : InteractionKind.Action;
        return (kind, verb, values);
    }

    // Top-level values as strings; the routing keys themselves are not data.
    public static Dictionary<string, string> Flatten(JsonObject? data)
    {
        var values = new Dictionary<string, string>();
        foreach (var (key, node) in data ?? [])
            if (key is not ("verb" or "msteams") && node is JsonValue v)
                values[key] = v.TryGetValue<string>(out var s) ? s : v.ToJsonString();
        return values;
    }

    // A submit through adaptiveCard/action comes from a form shown inline (TeamsForms): its errors
    // keep the form with what was entered; any other outcome takes the form's place, so the
    // person sees it and the form cannot be sent again by mistake.
    public static JsonObject CardActionResult(Reply reply, InteractionKind kind, Form? shown, IReadOnlyDictionary<string, string> submitted,
        IReadOnlyDictionary<string, string>? names, string viewer) => reply switch
        {
            // A viewer's own version keeps asking to be refreshed for that viewer.
            UpdateCardReply { Card.ViewerRefresh: { } view } u => Card(AdaptiveCardRenderer.RefreshFor(AdaptiveCardRenderer.Card(u.Card, names),
                view.ActionId, view.Payload ?? new Dictionary<string, string>(), [viewer])),
            UpdateCardReply u => Card(AdaptiveCardRenderer.Card(u.Card, names)),
            CardReply c => Card(AdaptiveCardRenderer.Card(c.Card, names)),
            FormReply f => Card(AdaptiveCardRenderer.Form(f.Form)),
            FormErrorsReply e when shown is not null => Card(AdaptiveCardRenderer.Form(FormValues.Fill(shown, submitted), e.Errors)),
            FormErrorsReply e => Message(string.Join("\n", e.Errors.Values)),
            TextReply t when kind == InteractionKind.Submit => Card(AdaptiveCardRenderer.Card(FormCards.Answered(shown, t.Text), names)),
            TextReply t => Message(t.Text),
            FileReply f => Message(f.Text),
            _ => Message(""),
        };

    public static JsonObject DialogResult(Reply reply, Form? shown, IReadOnlyDictionary<string, string> submitted) => reply switch
    {
        FormReply f => Continue(AdaptiveCardRenderer.Dialog(f.Form)),
        FormErrorsReply e when shown is not null => Continue(AdaptiveCardRenderer.Dialog(FormValues.Fill(shown, submitted), e.Errors)),
        FormErrorsReply e => TaskMessage(string.Join("\n", e.Errors.Values)),
        TextReply t => TaskMessage(t.Text),
        CardReply c => TaskMessage(c.Card.Fallback),
        UpdateCardReply u => TaskMessage(u.Card.Fallback),
        FileReply f => TaskMessage(f.Text),
        _ => new JsonObject(),   // nothing to say: the dialog just closes
    };

    public static JsonObject Error(int status, string code, string message) => new()
    {
        ["statusCode"] = status,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    private static JsonObject Card(JsonObject card) => new() { ["statusCode"] = 200, ["type"] = CardType, ["value"] = card };
    public static JsonObject Message(string text) => new() { ["statusCode"] = 200, ["type"] = MessageType, ["value"] = text };
    private static JsonObject Continue(JsonObject dialog) => new() { ["task"] = new JsonObject { ["type"] = "continue", ["value"] = dialog } };
    private static JsonObject TaskMessage(string text) => new() { ["task"] = new JsonObject { ["type"] = "message", ["value"] = text } };
}
