using CollabBot.Core.Cards;
using CollabBot.Core.Localization;

namespace CollabBot.Core.Features.Handoffs;

internal static class HandoffActions
{
    public const string Rate = "handoff.rate";
    public const string Submit = "handoff.submit";
    public const string Id = "h";
    public const string Quality = "quality";
    public const string Items = "items";
    public const string Comment = "comment";
}

// The default checklist for every role pair (efficacy-model.md); ids are short and stable,
// English titles are what the model records as "missing".
internal static class Checklist
{
    public static readonly IReadOnlyList<(string Id, string En)> Items =
    [
        ("budget", "Budget known"), ("decision-maker", "Decision maker identified"), ("need", "Need/pain written down"),
        ("timeline", "Timeline agreed"), ("next-step", "Next step booked"), ("crm", "Notes in the CRM"),
    ];
}

internal static class HandoffCards
{
    public static Card Received(Texts t, long id, long teamId, string from, string subject, string? note, string pair) => new("handoff.received",
        t.F("handoff.card.fallback", from, subject),
        [
            new Header(t["handoff.card.title"]),
            new TextBlock(t.F("handoff.card.line", from, subject)),
            .. (note is null ? Array.Empty<CardElement>() : [new TextBlock($"“{note}”")]),
            new FactSet([new Fact(t["handoff.card.pair"], pair.Replace(">", " → "))]),
            new ActionRow([new CardAction(HandoffActions.Rate, t["handoff.card.rate"], Payload(id, teamId), ActionStyle.Primary, OpensForm: true)]),
        ]);

    // Sent once to a receiver who has not rated a handoff a day after it was made.
    public static Card Reminder(Texts t, long id, long teamId, string from, string subject) => new("handoff.reminder",
        t.F("handoff.reminder.fallback", from, subject),
        [
            new Header(t["handoff.reminder.title"]),
            new TextBlock(t.F("handoff.reminder.line", from, subject)),
            new ActionRow([new CardAction(HandoffActions.Rate, t["handoff.card.rate"], Payload(id, teamId), ActionStyle.Primary, OpensForm: true)]),
        ]);

    // The handoff and its team: the receiver may be in several teams.
    public static Dictionary<string, string> Payload(long id, long teamId) =>
        new() { [HandoffActions.Id] = id.ToString(), [Bot.BotContextFactory.TeamKey] = teamId.ToString() };

    public static Form Rating(Texts t, long id, string subject) => new(HandoffActions.Submit, t["handoff.form.title"], t["form.submit"],
        [
            new TextBlock(t.F("handoff.form.intro", subject), Subtle: true),
            new LikertInput(HandoffActions.Quality, t["handoff.form.quality"], t["handoff.form.low"], t["handoff.form.high"]),
            new ChoiceInput(HandoffActions.Items, t["handoff.form.items"],
                Checklist.Items.Select(i => new Choice(i.Id, t["checklist." + i.Id])).ToList(), Multi: true),
            new TextInput(HandoffActions.Comment, t["handoff.form.comment"], Multiline: true, MaxLength: 1000),
        ],
        new Dictionary<string, string> { [HandoffActions.Id] = id.ToString() });

    public static Card Feedback(Texts t, string subject, string rater, int quality, int present, int total, IReadOnlyList<string> missingIds, string? comment)
    {
        var body = new List<CardElement>
        {
            new Header(t["handoff.feedback.title"]),
            new TextBlock(t.F("handoff.feedback.line", rater, subject)),
            new FactSet([
                new Fact(t["handoff.form.quality"], $"{quality} / 5"),
                new Fact(t["handoff.feedback.items"], $"{present} / {total}"),
                .. (missingIds.Count == 0 ? Array.Empty<Fact>() : [new Fact(t["handoff.feedback.missing"], string.Join(", ", missingIds.Select(m => t["checklist." + m])))]),
            ]),
        };
        if (comment is not null) body.Add(new TextBlock($"“{comment}”"));
        return new Card("handoff.feedback", t.F("handoff.feedback.fallback", rater, subject, quality), body);
    }
}
