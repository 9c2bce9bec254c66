using System.Text.Json.Serialization;
using CollabBot.Core.Cards;

namespace CollabBot.Core.Bot;

// What the user sees right away. Anything for other people goes through the outbox.
[JsonPolymorphic(TypeDiscriminatorPropertyName = "reply")]
[JsonDerivedType(typeof(NoReply), "none")]
[JsonDerivedType(typeof(TextReply), "text")]
[JsonDerivedType(typeof(CardReply), "card")]
[JsonDerivedType(typeof(UpdateCardReply), "update-card")]
[JsonDerivedType(typeof(FormReply), "form")]
[JsonDerivedType(typeof(FormErrorsReply), "form-errors")]
[JsonDerivedType(typeof(FileReply), "file")]
internal abstract record Reply
{
    public static readonly Reply None = new NoReply();
    public static Reply Private(string text) => new TextReply(text, Ephemeral: true);
    public static Reply Show(Card card, bool ephemeral = true) => new CardReply(card, ephemeral);

    // Set by the router for views (BotRouter.MapView): the request changed nothing that a second
    // run would change again, so a platform's retry may simply be answered afresh — nothing of
    // it needs remembering.
    [JsonIgnore]
    public bool Repeatable { get; init; }
}

internal sealed record NoReply : Reply;

internal sealed record TextReply(string Text, bool Ephemeral) : Reply;

internal sealed record CardReply(Card Card, bool Ephemeral) : Reply;

// Replaces the card the action came from.
internal sealed record UpdateCardReply(Card Card) : Reply;

// Opens a form: a Slack modal, a Teams dialog.
internal sealed record FormReply(Form Form) : Reply;

// Keeps the form open with a message per field.
internal sealed record FormErrorsReply(IReadOnlyDictionary<string, string> Errors) : Reply;

// A file for the caller only. Link, when set, is a card with a short-lived download link to
// the same file, for a platform that cannot attach files to a bot's message.
internal sealed record FileReply(string FileName, string Content, string Text, Card? Link = null) : Reply;
