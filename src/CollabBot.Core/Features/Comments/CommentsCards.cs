using CollabBot.Core.Cards;
using CollabBot.Core.Localization;

namespace CollabBot.Core.Features.Comments;

internal static class CommentsActions
{
    public const string Answer = "comments.answer";
    public const string Send = "comments.send";
    public const string Token = "tk";
    public const string Text = "text";
}

// Pure cards of the comments loop: the manager's list, the message an author gets, the
// anonymous answer a manager gets, and the form both sides write in.
internal static class CommentsCards
{
    public static Card List(Texts t, string week, IReadOnlyList<string> comments) => new("comments.list", t.F("comments.title", week),
    [
        new Header(t.F("comments.title", week)),
        .. comments.Count == 0
            ? [new TextBlock(t.F("comments.empty", week))]
            : comments.Select((c, i) => (CardElement)new TextBlock($"{i + 1}. {c}")).Append(new TextBlock(t["comments.hint"], Subtle: true)),
    ]);

    // To the author: the manager's words, never the comment (the message names its recipient).
    public static Card ToAuthor(Texts t, string week, string text, string token) => new("comments.to.author", t["comments.toauthor.title"],
    [
        new Header(t["comments.toauthor.title"]),
        new TextBlock(t.F("comments.toauthor.body", week)),
        new TextBlock(text),
        new TextBlock(t["comments.toauthor.note"], Subtle: true),
        new TextBlock(t["comments.toauthor.how"], Subtle: true),
        new ActionRow([new CardAction(CommentsActions.Answer, t["comments.answer.button"], new Dictionary<string, string> { [CommentsActions.Token] = token },
            OpensForm: true)]),
    ]);

    // To the manager: the author's answer, with the comment it is about.
    public static Card FromAuthor(Texts t, string week, string comment, string text, string token) => new("comments.from.author", t["comments.fromauthor.title"],
    [
        new Header(t["comments.fromauthor.title"]),
        new TextBlock(t.F("comments.fromauthor.body", week, comment), Subtle: true),
        new TextBlock(text),
        new ActionRow([new CardAction(CommentsActions.Answer, t["comments.answer.button"], new Dictionary<string, string> { [CommentsActions.Token] = token },
            OpensForm: true)]),
    ]);

    public static Form Write(Texts t, string token) => new(CommentsActions.Send, t["comments.form.title"], t["comments.form.send"],
        [new TextInput(CommentsActions.Text, t["comments.form.text"], Multiline: true, MaxLength: 1000, Required: true)],
        new Dictionary<string, string> { [CommentsActions.Token] = token });

    public static IEnumerable<(string, object)> Samples(Texts t)
    {
        yield return ("comments.list", List(t, "2026-W47", ["The CRM sync drops notes from calls.", "More demo slots on Fridays, please."]));
        yield return ("comments.list.empty", List(t, "2026-W47", []));
        yield return ("comments.to.author", ToAuthor(t, "2026-W47", "Thanks — we are fixing the CRM sync this sprint. What else slows you down?", "tok"));
        yield return ("comments.from.author", FromAuthor(t, "2026-W47", "The CRM sync drops notes from calls.", "Mostly call notes from mobile.", "tok"));
    }
}
