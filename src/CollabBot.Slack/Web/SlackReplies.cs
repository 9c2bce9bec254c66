using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Localization;
using CollabBot.Slack.BlockKit;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Web;

// Where a reply can go in Slack, for one request, and the language of the one it answers.
internal sealed record SlackConversation(string Workspace, string? Token, string? Channel, string User,
    string? TriggerId = null, string? ResponseUrl = null, string? Locale = null);

// Renders a neutral Reply the way Slack expects it for each kind of request: in the HTTP
// response where Slack allows, otherwise through response_url or the Web API.
internal sealed class SlackReplies(SlackApi api)
{
    public async Task<IResult> ForCommandAsync(Reply reply, SlackConversation c)
    {
        switch (reply)
        {
            case TextReply or CardReply or UpdateCardReply:
                return Results.Json(Message(reply, ephemeral: reply is not CardReply { Ephemeral: false }));
            case FormReply f:
                await OpenFormAsync(f.Form, c);
                return Results.Ok();
            case FileReply file:
                await ShareFileAsync(file, c);
                return Results.Json(Message(new TextReply(file.Text, true), ephemeral: true));
            default:
                return Results.Ok();
        }
    }

    // After the ack: response_url takes up to five posts in 30 minutes.
    public async Task LateAsync(Reply reply, SlackConversation c)
    {
        switch (reply)
        {
            case FormReply f:
                await OpenFormAsync(f.Form, c);   // the trigger may have expired; Slack then says expired_trigger_id
                break;
            case FileReply file:
                await ShareFileAsync(file, c);
                break;
            case TextReply or CardReply or UpdateCardReply when c.ResponseUrl is not null:
                var message = Message(reply, ephemeral: reply is not CardReply { Ephemeral: false });
                message["replace_original"] = reply is UpdateCardReply;
                await api.PostToResponseUrlAsync(c.ResponseUrl, message);
                break;
            case TextReply or CardReply or UpdateCardReply:
                await ViaApiAsync(reply, c);
                break;
        }
    }

    public async Task<IResult> ForActionAsync(Reply reply, SlackConversation c)
    {
        await LateAsync(reply, c);
        return Results.Ok();
    }

    // view_submission: errors keep the modal open; anything else replaces it with the answer.
    public static IResult ForSubmission(Reply reply, string title) => reply switch
    {
        FormErrorsReply e => Results.Json(new JsonObject
        {
            ["response_action"] = "errors",
            ["errors"] = new JsonObject([.. e.Errors.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))]),
        }),
        FormReply f => Results.Json(new JsonObject { ["response_action"] = "update", ["view"] = BlockKitRenderer.Modal(f.Form) }),
        TextReply or CardReply or UpdateCardReply => Results.Json(new JsonObject { ["response_action"] = "update", ["view"] = Notice(reply, title) }),
        _ => Results.Ok(),
    };

    // Events carry no response_url: an ephemeral message in the channel, or a DM. A form's
    // errors that come after the ack can no longer keep its modal open: the user is told
    // what was wrong instead, since nothing was saved.
    public async Task ViaApiAsync(Reply reply, SlackConversation c)
    {
        if (reply is FormErrorsReply errors)
        {
            var texts = Texts.For(c.Locale);
            reply = new TextReply(texts.F("slack.form.late.errors", string.Join('\n', errors.Errors.Values.Select(e => "• " + e))), true);
        }
        if (c.Token is null || reply is NoReply) return;
        if (reply is FormReply or FileReply) return;
        var message = Message(reply, ephemeral: true);
        if (c.Channel is not null && !(reply is CardReply { Ephemeral: false }))
        {
            message["channel"] = c.Channel;
            message["user"] = c.User;
            await api.CallAsync("chat.postEphemeral", c.Token, message, c.Workspace, ct: default);
            return;
        }
        message["channel"] = c.Channel ?? c.User;
        await api.CallAsync("chat.postMessage", c.Token, message, c.Workspace, c.Channel ?? c.User);
    }

    public Task PublishHomeAsync(SlackContext context, string user, JsonObject view) =>
        api.CallAsync("views.publish", context.Token, new JsonObject { ["user_id"] = user, ["view"] = view }, context.Workspace);

    private async Task OpenFormAsync(Form form, SlackConversation c)
    {
        if (c.Token is null || c.TriggerId is null) return;
        await api.CallAsync("views.open", c.Token, new JsonObject { ["trigger_id"] = c.TriggerId, ["view"] = BlockKitRenderer.Modal(form) }, c.Workspace);
    }

    // Files upload v2: get an upload URL, send the bytes, then share the file in the user's DM.
    private async Task ShareFileAsync(FileReply file, SlackConversation c)
    {
        if (c.Token is null) return;
        var bytes = Encoding.UTF8.GetBytes(file.Content);
        var dm = await api.CallAsync("conversations.open", c.Token, new JsonObject { ["users"] = c.User }, c.Workspace);
        var target = await api.CallFormAsync("files.getUploadURLExternal", c.Token,
            new Dictionary<string, string> { ["filename"] = file.FileName, ["length"] = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }, c.Workspace);
        // An answer that is ok but lacks either (or names no absolute https URL to send the
        // bytes to) is Slack's error like any other: the caller says so, never a 500.
        if (target["upload_url"].Str() is not { } uploadUrl || !Uri.TryCreate(uploadUrl, UriKind.Absolute, out var upload) || upload.Scheme is not ("https" or "http")
            || target["file_id"].Str() is not { Length: > 0 } fileId)
            throw new SlackApiException("files.getUploadURLExternal", "invalid_response");
        await api.UploadAsync(uploadUrl, bytes);
        await api.CallFormAsync("files.completeUploadExternal", c.Token, new Dictionary<string, string>
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = file.FileName }).ToJsonString(),
            ["channel_id"] = dm.At("channel").At("id").Str() ?? c.User,
            ["initial_comment"] = file.Text,
        }, c.Workspace);
    }

    public static JsonObject Message(Reply reply, bool ephemeral)
    {
        var message = reply switch
        {
            CardReply r => BlockKitRenderer.Message(r.Card),
            UpdateCardReply u => BlockKitRenderer.Message(u.Card),
            TextReply t => new JsonObject { ["text"] = BlockKitRenderer.Escape(t.Text) },
            _ => new JsonObject { ["text"] = "" },
        };
        message["response_type"] = ephemeral ? "ephemeral" : "in_channel";
        return message;
    }

    private static JsonObject Notice(Reply reply, string title)
    {
        var card = reply switch
        {
            CardReply r => r.Card,
            UpdateCardReply u => u.Card,
            TextReply t => new Card("notice", t.Text, [new TextBlock(t.Text)]),
            _ => new Card("notice", "", []),
        };
        var view = BlockKitRenderer.Modal(new Form("notice", title, "OK", card.Body));
        view.Remove("submit");
        view.Remove("callback_id");
        return view;
    }
}
