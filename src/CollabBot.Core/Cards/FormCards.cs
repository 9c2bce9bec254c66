namespace CollabBot.Core.Cards;

// A form shown inline in a chat (not in a dialog or modal that closes) stays there after it is
// sent. This card takes its place: the form's title and the outcome, without inputs, so the
// person sees what happened and cannot send the same form again by mistake.
internal static class FormCards
{
    public static Card Answered(Form? form, string outcome) => new("form.answered", outcome,
        form is null ? [new TextBlock(outcome)] : [new Header(form.Title), new TextBlock(outcome)]);
}
