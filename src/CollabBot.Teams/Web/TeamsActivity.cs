using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core;

namespace CollabBot.Teams.Web;

internal sealed record TeamsAccount(string Id, string? Name, string? AadObjectId = null);

// The parts of a Bot Framework Activity CollabBot reads. Unknown fields and entities are
// ignored, as the Activity spec asks of receivers.
internal sealed partial record TeamsActivity(JsonObject Json)
{
    public string Type => Json.At("type").Str() ?? "";
    public string? Id => Json.At("id").Str();
    public string? Name => Json.At("name").Str();
    public string? ChannelId => Json.At("channelId").Str();
    public string? ServiceUrl => Json.At("serviceUrl").Str();
    public string? Locale => Json.At("locale").Str();
    public string? ReplyToId => Json.At("replyToId").Str();
    public string? Text => Json.At("text").Str();
    public string? Action => Json.At("action").Str();
    public JsonNode? Value => Json.At("value");
    public TeamsAccount? From => Account(Json.At("from"));
    public TeamsAccount? Recipient => Account(Json.At("recipient"));
    public string? ConversationId => Json.At("conversation").At("id").Str();
    public string? ConversationName => Json.At("conversation").At("name").Str();
    public string? TeamId => Json.At("channelData").At("team").At("id").Str();
    public string? TeamName => Json.At("channelData").At("team").At("name").Str();
    public string? ChannelName => Json.At("channelData").At("channel").At("name").Str();

    public string? TenantId => Json.At("channelData").At("tenant").At("id").Str() ?? Json.At("conversation").At("tenantId").Str();

    // "personal", "channel" or "groupChat"; old payloads leave it out for 1:1 chats.
    public string ConversationType => Json.At("conversation").At("conversationType").Str() ?? (TeamId is null ? "personal" : "channel");

    // A channel is known by its own id; a message in a thread carries ";messageid=…" after it.
    public string? ChannelKey => Json.At("channelData").At("channel").At("id").Str() ?? ConversationId?.Split(';')[0];

    public IReadOnlyList<TeamsAccount> MembersAdded => Accounts(Json.At("membersAdded"));
    public IReadOnlyList<TeamsAccount> MembersRemoved => Accounts(Json.At("membersRemoved"));

    public bool BotAdded => Recipient is { } me && MembersAdded.Any(m => m.Id == me.Id);
    public bool BotRemoved => Recipient is { } me && MembersRemoved.Any(m => m.Id == me.Id);

    // Mentions as the text carries them (`<at>Ana</at>`) with who they name.
    public IEnumerable<(string Text, TeamsAccount Who)> Mentions()
    {
        foreach (var e in Json.At("entities") as JsonArray ?? [])
            if (e.At("type").Str() == "mention" && Account(e.At("mentioned")) is { } who && e.At("text").Str() is { } text)
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


    private static TeamsAccount? Account(JsonNode? node) =>
        node.At("id").Str() is { Length: > 0 } id ? new TeamsAccount(id, node.At("name").Str(), node.At("aadObjectId").Str()) : null;

    private static List<TeamsAccount> Accounts(JsonNode? node) =>
        (node as JsonArray ?? []).Select(Account).OfType<TeamsAccount>().ToList();

    // Tags other than our neutral mentions (`<@…>`).
    [GeneratedRegex(@"<(?!@)/?[a-zA-Z][^>]*>")]
    private static partial Regex Tags();
}
