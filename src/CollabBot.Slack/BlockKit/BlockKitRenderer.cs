using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core.Cards;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.BlockKit;

// Neutral cards → Block Kit, within Slack's limits (50 blocks a message, 100 a view, 3000
// characters a section, 10 fields, 150 a header, 24 a modal title). Mentions stay `<@U…>`,
// which is Slack's own syntax; every other <, > and & is escaped.
internal static partial class BlockKitRenderer
{
    public static JsonObject Message(Card card) => new()
    {
        ["text"] = Escape(Cut(card.Fallback, 3000)),
        ["blocks"] = new JsonArray([.. Blocks(card.Body).Take(50)]),
    };

    public static JsonObject Home(Card card) => new() { ["type"] = "home", ["blocks"] = new JsonArray([.. Blocks(card.Body).Take(100)]) };

    public static JsonObject Modal(Form form) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = form.CallbackId,
        ["title"] = Plain(Cut(form.Title, 24)),
        ["submit"] = Plain(Cut(form.SubmitLabel, 24)),
        ["private_metadata"] = ActionValue.Encode(form.State),
        ["blocks"] = new JsonArray([.. Blocks(form.Fields).Take(100)]),
    };

    private static IEnumerable<JsonObject> Blocks(IReadOnlyList<CardElement> elements)
    {
        foreach (var e in elements)
            switch (e)
            {
                case Header h:
                    yield return new() { ["type"] = "header", ["text"] = Plain(Cut(h.Text, 150)) };
                    break;
                case TextBlock { Subtle: true } t:
                    yield return new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(Cut(t.Text, 3000))) };
                    break;
                case TextBlock t:
                    yield return Section(t.Text);
                    break;
                case FactSet f:
                    foreach (var chunk in f.Facts.Chunk(10))
                        yield return new() { ["type"] = "section", ["fields"] = new JsonArray([.. chunk.Select(x => Mrkdwn(Cut($"*{Escape(x.Label)}*\n{Escape(x.Value)}", 2000), escaped: true))]) };
                    break;
                case ProgressBar p:
                    yield return Section($"{p.Label}\n`{Bar(p.Done, p.Total)}`");
                    break;
                case ImageElement i:
                    yield return new() { ["type"] = "image", ["image_url"] = i.Url, ["alt_text"] = Cut(i.AltText, 2000) };
                    break;
                case ActionRow a:
                    yield return new() { ["type"] = "actions", ["elements"] = new JsonArray([.. a.Actions.Take(25).Select(Button)]) };
                    break;
                default:
                    if (Input(e) is { } input) yield return input;
                    break;
            }
    }

    private static JsonObject? Input(CardElement e)
    {
        var (id, label, required, element) = e switch
        {
            LikertInput l => (l.Id, l.Label, l.Required, Radio(l)),
            ChoiceInput c => (c.Id, c.Label, c.Required, Choice(c)),
            TextInput t => (t.Id, t.Label, t.Required, TextBox(t)),
            NumberInput n => (n.Id, n.Label, n.Required, Number(n)),
            _ => (null, null, false, null),
        };
        if (id is null || element is null) return null;
        element["action_id"] = id;
        return new() { ["type"] = "input", ["block_id"] = id, ["label"] = Plain(Cut(label!, 2000)), ["optional"] = !required, ["element"] = element };
    }

    private static JsonObject Radio(LikertInput l)
    {
        string Text(int i) => i == 1 ? $"1 · {l.Low}" : i == 5 ? $"5 · {l.High}" : i.ToString(CultureInfo.InvariantCulture);
        var options = Enumerable.Range(1, 5).Select(i => Option(i.ToString(CultureInfo.InvariantCulture), Text(i))).ToList();
        var radio = new JsonObject { ["type"] = "radio_buttons", ["options"] = new JsonArray([.. options]) };
        if (l.Value is { } v) radio["initial_option"] = Option(v.ToString(CultureInfo.InvariantCulture), Text(v));
        return radio;
    }

    private static JsonObject Choice(ChoiceInput c)
    {
        var options = c.Options.Take(c.Multi ? 10 : 100).Select(o => Option(o.Value, o.Title)).ToList();
        var el = new JsonObject { ["type"] = c.Multi ? "checkboxes" : "static_select", ["options"] = new JsonArray([.. options]) };
        var selected = c.Options.Where(o => c.Selected?.Contains(o.Value) == true).Select(o => Option(o.Value, o.Title)).ToList();
        if (selected.Count > 0)
        {
            if (c.Multi) el["initial_options"] = new JsonArray([.. selected]);
            else el["initial_option"] = selected[0];
        }
        return el;
    }

    private static JsonObject TextBox(TextInput t)
    {
        var el = new JsonObject { ["type"] = "plain_text_input", ["multiline"] = t.Multiline, ["max_length"] = Math.Min(t.MaxLength, 3000) };
        if (t.Placeholder is not null) el["placeholder"] = Plain(Cut(t.Placeholder, 150));
        if (t.Value is not null) el["initial_value"] = t.Value;
        return el;
    }

    private static JsonObject Number(NumberInput n)
    {
        var el = new JsonObject { ["type"] = "number_input", ["is_decimal_allowed"] = true };
        if (n.Value is { } v) el["initial_value"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (n.Min is { } min) el["min_value"] = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (n.Max is { } max) el["max_value"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return el;
    }

    private static JsonObject Button(CardAction a)
    {
        var b = new JsonObject { ["type"] = "button", ["text"] = Plain(Cut(a.Title, 75)), ["action_id"] = a.ActionId };
        if (a.Url is not null) b["url"] = a.Url;
        if (a.Payload is { Count: > 0 }) b["value"] = ActionValue.Encode(a.Payload);
        if (a.Style != ActionStyle.Default) b["style"] = a.Style == ActionStyle.Primary ? "primary" : "danger";
        return b;
    }

    private static JsonObject Option(string value, string text) => new() { ["text"] = Plain(Cut(text, 75)), ["value"] = value };
    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(Cut(text, 3000)) };
    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };
    private static JsonObject Mrkdwn(string text, bool escaped = false) => new() { ["type"] = "mrkdwn", ["text"] = escaped ? text : Escape(text) };

    private static string Bar(int done, int total)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round(10.0 * Math.Clamp(done, 0, total) / total);
        return new string('█', filled) + new string('░', 10 - filled);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    // Slack's three control characters, except in `<@U123>` mentions, which must stay.
    public static string Escape(string text) => MentionOrControl().Replace(text, m => m.Value switch
    {
        "&" => "&amp;",
        "<" => "&lt;",
        ">" => "&gt;",
        var mention => mention,
    });

    [GeneratedRegex(@"<@[A-Z0-9]+>|[&<>]")]
    private static partial Regex MentionOrControl();
}
