using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Cards;

namespace CollabBot.Teams.AdaptiveCards;

// Neutral cards → Adaptive Cards 1.5, the newest version every Teams client renders. Buttons
// use Universal Actions (Action.Execute → an adaptiveCard/action invoke the bot answers with the
// updated card); a button that opens a form is an Action.Submit with a task/fetch marker,
// because only that opens a Teams dialog. Teams' own keys (mention entities, full width) live
// under the root `msteams`, which is the one place the Adaptive Card schema cannot describe.
internal static partial class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    // Teams refuses a message over about 28 KB; the card leaves room for the activity around it.
    public const int MaxCardBytes = 26_000;

    // Teams runs a refresh automatically for at most 60 listed users.
    public const int MaxRefreshUsers = 60;

    // Teams' host config draws at most six buttons in one row.
    private const int MaxActions = 6;

    public static JsonObject Card(Card card, IReadOnlyDictionary<string, string>? names = null)
    {
        var text = new AdaptiveText(names);
        var body = new JsonArray();
        var actions = Elements(body, card.Body, text, errors: null, required: null);
        return Root(body, actions, text.Plain(card.Fallback, 3000), text, wide: IsWide(card));
    }

    public static JsonObject Attachment(JsonObject card) => new()
    {
        ["contentType"] = ContentType,
        ["content"] = card.Parent is null ? card : card.DeepClone(),
    };

    // An Action.Execute that Teams runs when the listed users open the card, so each of them sees
    // their own state (answered or not) without the bot posting per-user messages. It is added
    // to the card given, which is also returned.
    public static JsonObject RefreshFor(JsonObject card, string verb, IReadOnlyDictionary<string, string> data, IReadOnlyList<string> userIds)
    {
        card["refresh"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = Data(data) },
            ["userIds"] = new JsonArray([.. userIds.Distinct(StringComparer.Ordinal).Take(MaxRefreshUsers).Select(id => (JsonNode)id)]),
        };
        return card;
    }

    // Digests carry long fact lists that read badly in Teams' default narrow card.
    private static bool IsWide(Card card) => card.Kind.StartsWith("digest", StringComparison.Ordinal);

    private static JsonObject Root(JsonArray body, JsonArray? actions, string fallback, AdaptiveText text, bool wide)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions is { Count: > 0 }) card["actions"] = actions;
        card["fallbackText"] = fallback;
        if (wide || text.HasMentions)
        {
            var msteams = new JsonObject();
            if (wide) msteams["width"] = "Full";
            if (text.HasMentions) msteams["entities"] = text.Entities();
            card["msteams"] = msteams;
        }
        return Fit(card);
    }

    // One action row at the end goes to the card's own action bar; any other row stays where it
    // is as an ActionSet.
    private static JsonArray? Elements(JsonArray body, IReadOnlyList<CardElement> elements, AdaptiveText text,
        IReadOnlyDictionary<string, string>? errors, string? required)
    {
        JsonArray? actions = null;
        var lift = elements.Count > 0 && elements[^1] is ActionRow && elements.OfType<ActionRow>().Count() == 1;
        foreach (var e in elements)
            switch (e)
            {
                case Header h:
                    body.Add(Heading(text.Markdown(h.Text, 300)));
                    break;
                case TextBlock t:
                    body.Add(Text(text.Markdown(t.Text, 3000), t.Subtle));
                    break;
                case FactSet f:
                    body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray([.. f.Facts.Select(x => new JsonObject { ["title"] = text.Markdown(x.Label, 500), ["value"] = text.Markdown(x.Value, 2000) })]) });
                    break;
                case ProgressBar p:
                    body.Add(Text(text.Markdown(p.Label, 500), subtle: false));
                    body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Bar(p.Done, p.Total), ["fontType"] = "monospace", ["spacing"] = "none", ["wrap"] = true });
                    break;
                case ImageElement i:
                    body.Add(new JsonObject { ["type"] = "Image", ["url"] = i.Url, ["altText"] = text.Plain(i.AltText, 2000) });
                    break;
                case ActionRow a when lift:
                    actions = Buttons(a, text);
                    break;
                case ActionRow a:
                    body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = Buttons(a, text) });
                    break;
                default:
                    if (Input(e, text, errors, required) is { } input)
                    {
                        body.Add(input);
                        if (errors?.GetValueOrDefault(input["id"]!.GetValue<string>()) is { } error) body.Add(Error(error, text));
                    }
                    break;
            }
        return actions;
    }

    private static JsonArray Buttons(ActionRow row, AdaptiveText text) => new([.. row.Actions.Take(MaxActions).Select(a => Button(a, text))]);

    private static JsonObject Button(CardAction a, AdaptiveText text)
    {
        var title = text.Plain(a.Title, 75);
        JsonObject button;
        if (a.Url is not null)
            button = new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = a.Url };
        else if (a.OpensForm)
        {
            var data = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "task/fetch" }, ["verb"] = a.ActionId };
            foreach (var (k, v) in a.Payload ?? new Dictionary<string, string>())
                if (k is not ("msteams" or "verb")) data[k] = v;
            button = new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
        }
        else
            button = new() { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = a.ActionId, ["data"] = Data(a.Payload) };
        if (a.Style != ActionStyle.Default) button["style"] = a.Style == ActionStyle.Primary ? "positive" : "destructive";
        return button;
    }

    private static JsonObject Data(IReadOnlyDictionary<string, string>? values) =>
        new(values?.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)) ?? []);

    private static JsonObject Heading(string markdown) =>
        new() { ["type"] = "TextBlock", ["text"] = markdown, ["size"] = "large", ["weight"] = "bolder", ["style"] = "heading", ["wrap"] = true };

    private static JsonObject Text(string markdown, bool subtle)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        if (!subtle) return block;
        block["isSubtle"] = true;
        block["size"] = "small";
        return block;
    }

    private static string Bar(int done, int total)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round(10.0 * Math.Clamp(done, 0, total) / total);
        return new string('█', filled) + new string('░', 10 - filled);
    }

    // Over the limit, text elements go from the end (buttons and inputs stay, since they are
    // what the card is for) and an ellipsis marks the cut; mentions whose text went go too.
    private static JsonObject Fit(JsonObject card)
    {
        var body = card["body"]!.AsArray();
        int? cutAt = null;
        while (Size(card) > MaxCardBytes && Droppable(body) is { } i)
        {
            body.RemoveAt(i);
            cutAt = i;
        }
        if (cutAt is not { } at) return card;
        body.Insert(at, Text("…", subtle: true));
        if (card["msteams"]?["entities"] is JsonArray entities)
        {
            var texts = Strings(body).ToList();
            foreach (var gone in entities.Where(e => !texts.Any(t => t.Contains(e!["text"]!.GetValue<string>(), StringComparison.Ordinal))).ToList())
                entities.Remove(gone);
        }
        return card;
    }

    private static int? Droppable(JsonArray body)
    {
        for (var i = body.Count - 1; i >= 0; i--)
        {
            var type = body[i]!["type"]!.GetValue<string>();
            if (type != "ActionSet" && !type.StartsWith("Input.", StringComparison.Ordinal)) return i;
        }
        return null;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => Strings(kv.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue(out string? s) => [s],
        _ => [],
    };

    private static int Size(JsonObject card) => Encoding.UTF8.GetByteCount(card.ToJsonString());
}
