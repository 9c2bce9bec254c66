using CollabBot.Core;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CollabBot.Teams.Web;

internal sealed record TeamsAccount(string Id, string? Name, string? AadObjectId = null);

// The parts of a Bot Framework Activity CollabBot reads. Unknown fields and entities are
// ignored, as the Activity spec asks of receivers.
internal sealed partial record TeamsActivity(JsonObject Json)
{
    public string Type => Str(Json.At("type")) ?? "";
    public string? Id => Str(Json.At("id"));
    public string? Name => Str(Json.At("name"));
    public string? ChannelId => Str(Json.At("channelId"));
    public string? ServiceUrl => Str(Json.At("serviceUrl"));
    public string? Locale => Str(Json.At("locale"));
    public string? ReplyToId => Str(Json.At("replyToId"));
    public string? Text => Str(Json.At("text"));
    public string? Action => Str(Json.At("action"));
    public JsonNode? Value => Json.At("value");
    public TeamsAccount? From => Account(Json.At("from"));
    public TeamsAccount? Recipient => Account(Json.At("recipient"));
    public string? ConversationId => Str(Json.At("conversation").At("id"));
    public string? ConversationName => Str(Json.At("conversation").At("name"));
    public string? EventType => Str(Json.At("channelData").At("eventType"));
    public string? TeamId => Str(Json.At("channelData").At("team").At("id"));
    public string? TeamName => Str(Json.At("channelData").At("team").At("name"));
    public string? ChannelName => Str(Json.At("channelData").At("channel").At("name"));

    public string? TenantId => Str(Json.At("channelData").At("tenant").At("id")) ?? Str(Json.At("conversation").At("tenantId"));

    // "personal", "channel" or "groupChat"; old payloads leave it out for 1:1 chats.
    public string ConversationType => Str(Json.At("conversation").At("conversationType")) ?? (TeamId is null ? "personal" : "channel");

    // A channel is known by its own id; a message in a thread carries ";messageid=…" after it.
    public string? ChannelKey => Str(Json.At("channelData").At("channel").At("id")) ?? ConversationId?.Split(';')[0];

    public IReadOnlyList<TeamsAccount> MembersAdded => Accounts(Json.At("membersAdded"));
    public IReadOnlyList<TeamsAccount> MembersRemoved => Accounts(Json.At("membersRemoved"));

    public bool BotAdded => Recipient is { } me && MembersAdded.Any(m => m.Id == me.Id);
    public bool BotRemoved => Recipient is { } me && MembersRemoved.Any(m => m.Id == me.Id);

    // Mentions as the text carries them (`<at>Ana</at>`) with who they name.
    public IEnumerable<(string Text, TeamsAccount Who)> Mentions()
    {
        foreach (var e in Json.At("entities") as JsonArray ?? [])
            if (Str(e.At("type")) == "mention" && Account(e.At("mentioned")) is { } who && Str(e.At("text")) is { } text)
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
        Str(node.At("id")) is { Length: > 0 } id ? new TeamsAccount(id, Str(node.At("name")), Str(node.At("aadObjectId"))) : null;

    private static List<TeamsAccount> Accounts(JsonNode? node) =>
        (node as JsonArray ?? []).Select(Account).OfType<TeamsAccount>().ToList();

    // Tags other than our neutral mentions (`<@…>`).
    [GeneratedRegex(@"<(?!@)/?[a-zA-Z][^>]*>")]
    private static partial Regex Tags();
}
