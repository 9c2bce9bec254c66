using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core.Cards;
using CollabBot.Core.Localization;

namespace CollabBot.Teams.AdaptiveCards;

// Forms as cards: in a message (Action.Execute, so inputs and state arrive in one
// adaptiveCard/action invoke) or in a dialog (Action.Submit, which task/submit carries).
internal static partial class AdaptiveCardRenderer
{
    public static JsonObject Form(Form form, IReadOnlyDictionary<string, string>? errors = null) => FormCard(form, errors, dialog: false);

    // The value of a task/fetch or task/submit "continue" response. The dialog has its own
    // title bar, so the card leaves out the heading; the verb rides in the data because a
    // task/submit invoke has no other place for it.
    public static JsonObject Dialog(Form form, IReadOnlyDictionary<string, string>? errors = null) => new()
    {
        ["title"] = AdaptiveText.Cut(form.Title, 64),
        ["card"] = Attachment(FormCard(form, errors, dialog: true)),
    };

    private static JsonObject FormCard(Form form, IReadOnlyDictionary<string, string>? errors, bool dialog)
    {
        var text = new AdaptiveText(null);
        var body = new JsonArray();
        if (!dialog) body.Add(Heading(text.Markdown(form.Title, 300)));
        var ids = form.Fields.Select(InputId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (_, message) in errors?.Where(e => !ids.Contains(e.Key)) ?? []) body.Add(Error(message, text));
        // The action bar holds the submit button; buttons a form carries stay beside its fields.
        if (Elements(body, form.Fields, text, errors, RequiredMessage(form)) is { } buttons) body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = buttons });
        var title = text.Plain(form.SubmitLabel, 75);
        var submit = dialog
            ? new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = DialogData(form), ["style"] = "positive" }
            : new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = form.CallbackId, ["data"] = Data(form.State), ["style"] = "positive" };
        return Root(body, [submit], text.Plain(form.Title, 3000), text, wide: false);
    }

    private static JsonObject DialogData(Form form)
    {
        var data = new JsonObject { ["verb"] = form.CallbackId };
        foreach (var (k, v) in form.State ?? new Dictionary<string, string>())
            if (k != "verb") data[k] = v;
        return data;
    }

    private static string? InputId(CardElement e) => e switch
    {
        LikertInput l => l.Id,
        ChoiceInput c => c.Id,
        TextInput t => t.Id,
        NumberInput n => n.Id,
        _ => null,
    };

    private static JsonObject? Input(CardElement e, AdaptiveText text, IReadOnlyDictionary<string, string>? errors, string? requiredMessage)
    {
        var (type, label, required) = e switch
        {
            LikertInput l => ("Input.ChoiceSet", l.Label, l.Required),
            ChoiceInput c => ("Input.ChoiceSet", c.Label, c.Required),
            TextInput t => ("Input.Text", t.Label, t.Required),
            NumberInput n => ("Input.Number", n.Label, n.Required),
            _ => ("", "", false),
        };
        if (InputId(e) is not { } id) return null;
        var input = new JsonObject { ["type"] = type, ["id"] = id, ["label"] = text.Plain(label, 500) };
        switch (e)
        {
            case LikertInput l:
                string Title(int i) => i == 1 ? $"1 · {l.Low}" : i == 5 ? $"5 · {l.High}" : i.ToString(CultureInfo.InvariantCulture);
                input["style"] = "expanded";
                input["choices"] = new JsonArray([.. Enumerable.Range(1, 5).Select(i => Choice(i.ToString(CultureInfo.InvariantCulture), text.Plain(Title(i), 75)))]);
                if (l.Value is { } v) input["value"] = v.ToString(CultureInfo.InvariantCulture);
                break;
            case ChoiceInput c:
                input["style"] = c.Multi ? "expanded" : "compact";
                if (c.Multi) input["isMultiSelect"] = true;
                input["choices"] = new JsonArray([.. c.Options.Take(100).Select(o => Choice(o.Value, text.Plain(o.Title, 75)))]);
                var selected = c.Options.Where(o => c.Selected?.Contains(o.Value) == true).Select(o => o.Value).Take(c.Multi ? 100 : 1).ToList();
                if (selected.Count > 0) input["value"] = string.Join(',', selected);
                break;
            case TextInput t:
                input["isMultiline"] = t.Multiline;
                input["maxLength"] = t.MaxLength;
                if (t.Placeholder is not null) input["placeholder"] = text.Plain(t.Placeholder, 150);
                if (t.Value is not null) input["value"] = t.Value;
                break;
            case NumberInput n:
                if (n.Min is { } min) input["min"] = min;
                if (n.Max is { } max) input["max"] = max;
                if (n.Value is { } value) input["value"] = value;
                break;
        }
        input["isRequired"] = required;
        // Shown when Teams' own check fails (a required input left empty); the core's error for
        // the field, when there is one, says more.
        if ((errors?.GetValueOrDefault(id) ?? (required ? requiredMessage : null)) is { } message) input["errorMessage"] = AdaptiveText.Cut(message, 500);
        return input;
    }

    // A field error the core returned, shown where it applies: Teams renders errorMessage only
    // after its own check fails, never for an error that came back from the bot.
    private static JsonObject Error(string message, AdaptiveText text) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text.Markdown(message, 500),
        ["color"] = "attention",
        ["size"] = "small",
        ["spacing"] = "none",
        ["wrap"] = true,
    };

    private static JsonObject Choice(string value, string title) => new() { ["title"] = title, ["value"] = value };

    // A form carries no locale, and of the two languages only Chinese is written in Han script.
    private static string RequiredMessage(Form form) =>
        Texts.For(Han().IsMatch(form.Title + form.SubmitLabel) ? Texts.Chinese : Texts.English)["form.required"];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
