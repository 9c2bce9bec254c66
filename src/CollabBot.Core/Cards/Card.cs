using System.Text.Json.Serialization;

namespace CollabBot.Core.Cards;

// What a message means, not how a platform draws it. Kind names the card ("pulse.channel")
// for goldens and logs; Fallback is the plain text for notifications and screen readers.
// ViewerRefresh names the action that draws this card for one viewer (e.g. "you answered"),
// for platforms that ask per viewer (Teams' refresh); others show the card as it is.
internal sealed record Card(string Kind, string Fallback, IReadOnlyList<CardElement> Body, CardAction? ViewerRefresh = null);

// A form collects input and submits it to CallbackId with State carried along.
internal sealed record Form(string CallbackId, string Title, string SubmitLabel, IReadOnlyList<CardElement> Fields,
    IReadOnlyDictionary<string, string>? State = null);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Header), "header")]
[JsonDerivedType(typeof(TextBlock), "text")]
[JsonDerivedType(typeof(FactSet), "facts")]
[JsonDerivedType(typeof(LikertInput), "likert")]
[JsonDerivedType(typeof(ChoiceInput), "choice")]
[JsonDerivedType(typeof(TextInput), "text-input")]
[JsonDerivedType(typeof(NumberInput), "number-input")]
[JsonDerivedType(typeof(ImageElement), "image")]
[JsonDerivedType(typeof(ProgressBar), "progress")]
[JsonDerivedType(typeof(ActionRow), "actions")]
internal abstract record CardElement;

internal sealed record Header(string Text) : CardElement;

internal sealed record TextBlock(string Text, bool Subtle = false) : CardElement;

internal sealed record Fact(string Label, string Value);

internal sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

// A 1–5 agreement scale; Low and High label its ends.
internal sealed record LikertInput(string Id, string Label, string Low, string High, int? Value = null, bool Required = true) : CardElement;

internal sealed record Choice(string Value, string Title);

internal sealed record ChoiceInput(string Id, string Label, IReadOnlyList<Choice> Options, bool Multi = false,
    IReadOnlyList<string>? Selected = null, bool Required = false) : CardElement;

internal sealed record TextInput(string Id, string Label, string? Placeholder = null, bool Multiline = false,
    int MaxLength = 500, bool Required = false, string? Value = null) : CardElement;

internal sealed record NumberInput(string Id, string Label, double? Value = null, double? Min = null, double? Max = null,
    bool Required = true) : CardElement;

internal sealed record ImageElement(string Url, string AltText) : CardElement;

internal sealed record ProgressBar(string Label, int Done, int Total) : CardElement;

internal enum ActionStyle { Default, Primary, Danger }

// A button: ActionId is a `feature.verb` constant; Payload holds short ids only. A button
// with Url set opens a link instead. OpensForm says its handler answers with a form, which
// a platform may have to open differently (Teams: a dialog through task/fetch).
internal sealed record CardAction(string ActionId, string Title, IReadOnlyDictionary<string, string>? Payload = null,
    ActionStyle Style = ActionStyle.Default, string? Url = null, bool OpensForm = false);

internal sealed record ActionRow(IReadOnlyList<CardAction> Actions) : CardElement;
