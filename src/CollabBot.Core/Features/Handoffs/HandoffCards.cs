using System.Globalization;
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
    // A link to the CRM record: the platform opens it; the click itself needs no answer.
    public const string Open = "handoff.open";
}

internal static class HandoffCards
{
    // A handoff from a CRM may carry its deal stage and a link to the record.
    public static Card Received(Texts t, long id, long teamId, string from, string subject, string? note, string pair,
        string? stage = null, string? url = null) => new("handoff.received",
        t.F("handoff.card.fallback", from, subject),
        [
            new Header(t["handoff.card.title"]),
            new TextBlock(t.F("handoff.card.line", from, subject)),
            .. (note is null ? Array.Empty<CardElement>() : [new TextBlock($"“{note}”")]),
            new FactSet([
                new Fact(t["handoff.card.pair"], SalesRoles.Show(pair)),
                .. (stage is null ? Array.Empty<Fact>() : [new Fact(t["handoff.card.stage"], stage)]),
            ]),
            new ActionRow([
                new CardAction(HandoffActions.Rate, t["handoff.card.rate"], Payload(id, teamId), ActionStyle.Primary, OpensForm: true),
                .. (url is null ? Array.Empty<CardAction>() : [new CardAction(HandoffActions.Open, t["handoff.card.open"], Url: url)]),
            ]),
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
        new() { [HandoffActions.Id] = id.ToString(CultureInfo.InvariantCulture), [Bot.BotContextFactory.TeamKey] = teamId.ToString(CultureInfo.InvariantCulture) };

    // The checklist is the role pair's own (HandoffChecklist).
    public static Form Rating(Texts t, long id, string subject, string pair, IReadOnlyList<ChecklistEntry> items) => new(HandoffActions.Submit, t["handoff.form.title"], t["form.submit"],
        [
            new TextBlock(t.F("handoff.form.intro", subject), Subtle: true),
            new TextBlock(t.F("handoff.form.pair", SalesRoles.Show(pair)), Subtle: true),
            new LikertInput(HandoffActions.Quality, t["handoff.form.quality"], t["handoff.form.low"], t["handoff.form.high"]),
            new ChoiceInput(HandoffActions.Items, t["handoff.form.items"], items.Select(i => new Choice(i.Id, i.Title)).ToList(), Multi: true),
            new TextInput(HandoffActions.Comment, t["handoff.form.comment"], Multiline: true, MaxLength: 1000),
        ],
        new Dictionary<string, string> { [HandoffActions.Id] = id.ToString(CultureInfo.InvariantCulture) });

    // missing: the absent items' titles, in the giver's language.
    public static Card Feedback(Texts t, string subject, string rater, int quality, int present, int total, IReadOnlyList<string> missing, string? comment)
    {
        var body = new List<CardElement>
        {
            new Header(t["handoff.feedback.title"]),
            new TextBlock(t.F("handoff.feedback.line", rater, subject)),
            new FactSet([
                new Fact(t["handoff.form.quality"], $"{quality} / 5"),
                new Fact(t["handoff.feedback.items"], $"{present} / {total}"),
                .. (missing.Count == 0 ? Array.Empty<Fact>() : [new Fact(t["handoff.feedback.missing"], string.Join(t.IsChinese ? "、" : ", ", missing))]),
            ]),
        };
        if (comment is not null) body.Add(new TextBlock($"“{comment}”"));
        return new Card("handoff.feedback", t.F("handoff.feedback.fallback", rater, subject, quality), body);
    }

    // `handoff checklist <PAIR>`: the pair's items, numbered as `remove <n>` counts them.
    public static Card Checklist(Texts t, string pair, IReadOnlyList<ChecklistEntry> items, bool own, bool admin) => new("handoff.checklist",
        t.F("checklist.title", SalesRoles.Show(pair)),
        [
            new Header(t.F("checklist.title", SalesRoles.Show(pair))),
            new TextBlock(string.Join("\n", items.Select((i, n) => $"{n + 1}. {i.Title}"))),
            new TextBlock(t[own ? "checklist.own" : "checklist.default"], Subtle: true),
            .. (admin ? [new TextBlock(t.F("checklist.hint", pair), Subtle: true)] : Array.Empty<CardElement>()),
        ]);
}
