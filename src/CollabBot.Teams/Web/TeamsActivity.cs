using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CollabBot.Teams.Web;

internal sealed record TeamsAccount(string Id, string? Name, string? AadObjectId = null);

// The parts of a Bot Framework Activity CollabBot reads. Unknown fields and entities are
// ignored, as the Activity spec asks of receivers.
internal sealed partial record TeamsActivity(JsonObject Json)
{
    public string Type => Str(Json["type"]) ?? "";
    public string? Id => Str(Json["id"]);
    public string? Name => Str(Json["name"]);
    public string? ChannelId => Str(Json["channelId"]);
    public string? ServiceUrl => Str(Json["serviceUrl"]);
    public string? Locale => Str(Json["locale"]);
    public string? ReplyToId => Str(Json["replyToId"]);
    public string? Text => Str(Json["text"]);
    public string? Action => Str(Json["action"]);
    public JsonNode? Value => Json["value"];
    public TeamsAccount? From => Account(Json["from"]);
    public TeamsAccount? Recipient => Account(Json["recipient"]);
    public string? ConversationId => Str(Json["conversation"]?["id"]);
    public string? ConversationName => Str(Json["conversation"]?["name"]);
    public string? EventType => Str(Json["channelData"]?["eventType"]);
    public string? TeamId => Str(Json["channelData"]?["team"]?["id"]);
    public string? TeamName => Str(Json["channelData"]?["team"]?["name"]);
    public string? ChannelName => Str(Json["channelData"]?["channel"]?["name"]);

    public string? TenantId => Str(Json["channelData"]?["tenant"]?["id"]) ?? Str(Json["conversation"]?["tenantId"]);

    // "personal", "channel" or "groupChat"; old payloads leave it out for 1:1 chats.
    public string ConversationType => Str(Json["conversation"]?["conversationType"]) ?? (TeamId is null ? "personal" : "channel");

    // A channel is known by its own id; a message in a thread carries ";messageid=…" after it.
    public string? ChannelKey => Str(Json["channelData"]?["channel"]?["id"]) ?? ConversationId?.Split(';')[0];

    public IReadOnlyList<TeamsAccount> MembersAdded => Accounts(Json["membersAdded"]);
    public IReadOnlyList<TeamsAccount> MembersRemoved => Accounts(Json["membersRemoved"]);

    public bool BotAdded => Recipient is { } me && MembersAdded.Any(m => m.Id == me.Id);
    public bool BotRemoved => Recipient is { } me && MembersRemoved.Any(m => m.Id == me.Id);

    // Mentions as the text carries them (`<at>Ana</at>`) with who they name.
    public IEnumerable<(string Text, TeamsAccount Who)> Mentions()
    {
        foreach (var e in Json["entities"] as JsonArray ?? [])
            if (Str(e?["type"]) == "mention" && Account(e?["mentioned"]) is { } who && Str(e?["text"]) is { } text)
                yield return (text, who);
    }

    // The text of a command: the bot's own mention removed, every other mention written the
    // neutral way (`<@id>`) so the core reads it like any other platform's.
    public (string Text, Dictionary<string, string> Names) CommandText()
    {
        var text = Text ?? "";
        var names = new Dictionary<string, string>();
        foreach (var (mention, who) in Mentions())
        {
            var neutral = who.Id == Recipient?.Id ? "" : $"<@{who.Id}>";
            if (neutral.Length > 0) names[who.Id] = who.Name ?? who.Id;
            text = text.Replace(mention, neutral, StringComparison.Ordinal);
        }
        // Teams may send HTML-ish text in channels; the neutral core wants plain words.
        text = Tags().Replace(text, "").Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();
        return (text, names);
    }

    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static TeamsAccount? Account(JsonNode? node) =>
        Str(node?["id"]) is { Length: > 0 } id ? new TeamsAccount(id, Str(node!["name"]), Str(node["aadObjectId"])) : null;

    private static List<TeamsAccount> Accounts(JsonNode? node) =>
        (node as JsonArray ?? []).Select(Account).OfType<TeamsAccount>().ToList();

    // Tags other than our neutral mentions (`<@…>`).
    [GeneratedRegex(@"<(?!@)/?[a-zA-Z][^>]*>")]
    private static partial Regex Tags();
}
