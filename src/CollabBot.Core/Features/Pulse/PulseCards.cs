using System.Globalization;
using CollabBot.Core.Cards;
using CollabBot.Core.Localization;

namespace CollabBot.Core.Features.Pulse;

internal sealed record AskedQuestion(string Key, string Dimension, string Text);

// Pure functions from data to the pulse's cards.
internal static class PulseCards
{
    // viewerAnswered: drawn for one viewer (null: for everyone, as posted in the channel).
    public static Card Channel(Texts t, long roundId, long teamId, string week, int answered, int invited, string closes, bool open, int k,
        bool? viewerAnswered = null)
    {
        var ids = new Dictionary<string, string> { [PulseActions.Round] = roundId.ToString(CultureInfo.InvariantCulture), [Bot.BotContextFactory.TeamKey] = teamId.ToString(CultureInfo.InvariantCulture) };
        var body = new List<CardElement>
        {
            new Header(t["pulse.card.title"]),
            new TextBlock(t.F("pulse.card.intro", week, k)),
            new ProgressBar(t.F("pulse.card.progress", answered, invited), answered, invited),
            new TextBlock(open ? t.F("pulse.card.closes", closes) : t["pulse.card.closed"], Subtle: true),
        };
        if (open && viewerAnswered == true) body.Add(new TextBlock(t["pulse.already"]));
        else if (open) body.Add(new ActionRow([new CardAction(PulseActions.Open, t["pulse.card.answer"], ids, ActionStyle.Primary, OpensForm: true)]));
        return new Card("pulse.channel", t.F("pulse.card.fallback", answered, invited), body,
            open ? new CardAction(PulseActions.View, t["pulse.card.title"], ids) : null);
    }

    // A direct message to someone who has not answered yet; its button opens the same form
    // as the channel card's.
    public static Card Reminder(Texts t, long roundId, long teamId, string week, string closes)
    {
        var ids = new Dictionary<string, string> { [PulseActions.Round] = roundId.ToString(CultureInfo.InvariantCulture), [Bot.BotContextFactory.TeamKey] = teamId.ToString(CultureInfo.InvariantCulture) };
        return new Card("pulse.reminder", t.F("pulse.reminder.fallback", closes),
        [
            new Header(t["pulse.reminder.title"]),
            new TextBlock(t.F("pulse.reminder.line", week, closes)),
            new ActionRow([new CardAction(PulseActions.Open, t["pulse.card.answer"], ids, ActionStyle.Primary, OpensForm: true)]),
        ]);
    }

    public static Form Form(Texts t, long roundId, IReadOnlyList<AskedQuestion> questions)
    {
        var fields = new List<CardElement> { new TextBlock(t["pulse.form.intro"], Subtle: true) };
        fields.AddRange(questions.Select(q => new LikertInput(q.Key, q.Text, t["likert.low"], t["likert.high"])));
        fields.Add(new TextInput(PulseActions.Comment, t["pulse.form.comment"], t["pulse.form.comment.hint"], Multiline: true, MaxLength: 1000));
        return new Form(PulseActions.Submit, t["pulse.form.title"], t["form.submit"], fields,
            new Dictionary<string, string> { [PulseActions.Round] = roundId.ToString(CultureInfo.InvariantCulture) });
    }

    public static Card Status(Texts t, string week, int answered, int invited, string closes, bool open, IReadOnlyList<Fact> deliveries)
    {
        var body = new List<CardElement>
        {
            new Header(t.F("pulse.status.title", week)),
            new ProgressBar(t.F("pulse.card.progress", answered, invited), answered, invited),
            new TextBlock(open ? t.F("pulse.card.closes", closes) : t["pulse.card.closed"], Subtle: true),
        };
        if (deliveries.Count > 0) body.Add(new FactSet(deliveries));
        return new Card("pulse.status", t.F("pulse.card.fallback", answered, invited), body);
    }

    public static Card Questions(Texts t, string week, IReadOnlyList<AskedQuestion> questions)
    {
        var body = new List<CardElement> { new Header(t.F("pulse.questions.title", week)) };
        body.Add(new FactSet(questions.Select(q => new Fact($"{q.Key} · {q.Dimension}", q.Text)).ToList()));
        body.Add(new TextBlock(t["pulse.questions.hint"], Subtle: true));
        return new Card("pulse.questions", t.F("pulse.questions.title", week), body);
    }
}
