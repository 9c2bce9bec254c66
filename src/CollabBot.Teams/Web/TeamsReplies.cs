using System.Text.Json.Nodes;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Teams.AdaptiveCards;
using CollabBot.Teams.Wire;

namespace CollabBot.Teams.Web;

// Where a reply goes: the few fields of the turn it needs. A queued reply keeps only these,
// not the parsed activity (the reply backlog holds thousands when the Connector budget is
// the limit, and a held activity made each one several kilobytes that every GC copied).
internal sealed record ReplyTarget(string ServiceUrl, string ConversationId, string Tenant, string FromId, string BotId, ConversationType Type,
    IReadOnlyDictionary<string, string> Names, string? ReplyToId);

// Shows a reply to a message activity through the Connector. Teams has no ephemeral
// messages: what only the sender may see goes to their 1:1 chat with the bot.
internal sealed class TeamsReplies(ConnectorClient connector)
{
    // Bot Framework caps an activity at about 28 KB; a file's content is cut well below that.
    private const int MaxInlineFile = 20_000;

    public async Task SendAsync(Reply reply, ReplyTarget to, CancellationToken ct)
    {
        switch (reply)
        {
            case TextReply t:
                await PostAsync(to, Text(Named(t.Text, to.Names)), t.Ephemeral, ct);
                break;
            case CardReply c:
                await PostAsync(to, CardMessage(c.Card, to.Names), c.Ephemeral, ct);
                break;
            case UpdateCardReply u when to.ReplyToId is { } original:
                await connector.UpdateAsync(to.ServiceUrl, to.ConversationId, original, CardMessage(u.Card, to.Names), ct);
                break;
            case UpdateCardReply u:
                await PostAsync(to, CardMessage(u.Card, to.Names), ephemeral: true, ct);
                break;
            case FormReply f:
                // A form not opened as a dialog (asked for by typing, or a dialog button in a
                // client without dialogs: TeamsForms): an inline card in the 1:1 chat.
                await PostAsync(to, Message(AdaptiveCardRenderer.Form(f.Form), f.Form.Title), ephemeral: true, ct);
                break;
            case FormErrorsReply e:
                await PostAsync(to, Text(string.Join("\n", e.Errors.Values)), ephemeral: true, ct);
                break;
            case FileReply { Link: { } link }:
                // A bot cannot attach a file to a message in Teams (that needs the user's consent
                // and their OneDrive): the file is a short-lived download link, in the private chat.
                await PostAsync(to, CardMessage(link, to.Names), ephemeral: true, ct);
                break;
            case FileReply file:
                // No link minted (no host to serve it): the content as text in the private chat.
                var content = file.Content.Length <= MaxInlineFile ? file.Content : file.Content[..MaxInlineFile] + "\n…";
                await PostAsync(to, Text($"{file.Text}\n\n{file.FileName}:\n```\n{content}\n```"), ephemeral: true, ct);
                break;
        }
    }

    private async Task PostAsync(ReplyTarget to, JsonObject activity, bool ephemeral, CancellationToken ct)
    {
        if (!ephemeral || to.Type == ConversationType.Personal)
        {
            await connector.SendAsync(to.ServiceUrl, to.ConversationId, activity, ct);
            return;
        }
        var chat = await connector.CreatePersonalConversationAsync(to.ServiceUrl, to.Tenant, to.FromId, to.BotId, ct);
        await connector.SendAsync(to.ServiceUrl, chat, activity, ct);
    }

    // Plain text cannot carry a Teams mention: `<@id>` becomes the person's name.
    public static string Named(string text, IReadOnlyDictionary<string, string> names) =>
        AdaptiveText.Mention().Replace(text,
            m => names.GetValueOrDefault(m.Groups[1].Value) ?? (m.Groups[2].Success ? m.Groups[2].Value : m.Groups[1].Value));

    public static JsonObject Text(string text) => new() { ["type"] = "message", ["text"] = text, ["textFormat"] = "plain" };

    public static JsonObject CardMessage(Card card, IReadOnlyDictionary<string, string>? names) =>
        Message(AdaptiveCardRenderer.Card(card, names), card.Fallback);

    public static JsonObject Message(JsonObject card, string summary) => new()
    {
        ["type"] = "message",
        ["summary"] = summary,
        ["attachments"] = new JsonArray(AdaptiveCardRenderer.Attachment(card)),
    };
}
