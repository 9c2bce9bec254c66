using CollabBot.Core.Cards;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.Digest;

// The digest as a card. The channel view names nobody; the manager view adds names and,
// with `explain`, the components behind each dimension. With links (a stored week), both
// views show the trend chart — team aggregates only — and the manager view adds a button to
// the full page, which names people and so must never reach the channel. Only the manager
// view shows the week's anonymous comments (or why they are sealed): the channel never does.
internal static class DigestCards
{
    public const string OpenAction = "digest.open";

    // openUntil: the close time of the week's pulse round while it is still open.
    public static Card Digest(Texts t, Snapshot s, bool managerView, bool explain, bool weekToDate, DigestLinks? links = null,
        IReadOnlyList<Focus.FocusReport>? focus = null, string? openUntil = null, Comments.DigestComments? comments = null)
    {
        var body = new List<CardElement>
        {
            new Header(t.F("digest.title", s.Team.Name, s.Week)),
            new TextBlock(t.F("digest.cei", Insights.P(s.Cei.Score), DigestWords.Uncertainty(t, s.Cei.Se, null), Trend(t, s.Cei.Trend, s.Cei.Score - s.Cei.Previous),
                s.Cei.Coverage, s.Cei.Dimensions)),
        };
        if (weekToDate) body.Add(new TextBlock(t["digest.week.to.date"], Subtle: true));
        if (links is not null) body.Add(new ImageElement(links.ChartUrl, ChartAlt(t, s)));
        body.Add(new FactSet(s.Dimensions.Select(d => new Fact(CeiModel.Dimension(d.Id).Name(t.Locale),
            d.Score is null ? t["digest.no.data"] : $"{Insights.P(d.Score)}{DigestWords.Uncertainty(t, d.Se, DigestWords.DimensionN(d))} · {Trend(t, d.Trend, d.Score - d.Previous)}")).ToList()));
        body.Add(new TextBlock(DigestWords.Participation(t, s, openUntil), Subtle: true));
        if (s.HandoffFeedbackWindow == "trailing-4-weeks") body.Add(new TextBlock(t["digest.handoff.trailing"], Subtle: true));
        // The team's focus was announced in the channel, so both views measure it.
        body.AddRange(Focus.FocusCards.DigestSection(t, focus ?? []));

        var insights = managerView ? s.ManagerInsights : s.Insights;
        body.Add(new Header(t["digest.insights"]));
        body.Add(new TextBlock(insights.Count == 0 ? t["digest.no.insights"] : string.Join("\n", insights.Select((i, n) => $"{n + 1}. {InsightText.Render(i, t)}"))));

        if (managerView && comments is not null) body.AddRange(Comments.DigestCommentsCard.Section(t, comments));

        if (managerView && explain)
        {
            foreach (var d in s.Dimensions)
                body.Add(new FactSet(d.Components.Select(c => new Fact($"{CeiModel.Dimension(d.Id).Name(t.Locale)} · {DigestWords.ComponentName(t, c.Id)}",
                    ComponentValue(t, c, s.Inputs.K, d.Id, openUntil, s.Participation.Rounds))).ToList()));
            body.Add(new TextBlock(t["digest.reversed"], Subtle: true));
        }
        if (links is not null && managerView) body.Add(new ActionRow([new CardAction(OpenAction, t["digest.open"], Url: links.PageUrl)]));
        var kind = managerView ? (explain ? "digest.manager.explain" : "digest.manager") : "digest.channel";
        return new Card(kind, t.F("digest.fallback", s.Team.Name, s.Week, Insights.P(s.Cei.Score)), body);
    }

    // One component as the manager sees it. The scorer withholds survey figures with fewer than
    // k respondents — k as it was when the round closed (the snapshot's inputs keep it), so a
    // later change of k never changes a figure once shown; a survey figure whose n is below that
    // k is hidden here as well, so no view (card or page) can show one even from a snapshot
    // written by a faulty scorer.
    // A survey figure hidden while its round is open says when it can appear.
    public static string ComponentValue(Texts t, SnapshotComponent c, int k, string dimensionId, string? openUntil = null, int rounds = 1) => c.Status switch
    {
        _ when Components.IsSurvey(c.Id) && openUntil is not null && c.Status != ComponentStatus.Ok => t.F("digest.suppressed.open", openUntil),
        _ when Components.IsSurvey(c.Id) && rounds == 0 => t["digest.suppressed.none"],
        ComponentStatus.Ok when Components.IsSurvey(c.Id) && (c.N ?? 0) < k => t.F("digest.suppressed", k),
        ComponentStatus.Ok when c.N == 1 => t.F("digest.component.one", Insights.P(c.Value), DigestWords.Weight(t, c, dimensionId)),
        ComponentStatus.Ok => t.F("digest.component", Insights.P(c.Value), DigestWords.Uncertainty(t, c.Se, c.N), c.N, DigestWords.Weight(t, c, dimensionId)),
        ComponentStatus.Suppressed => t.F("digest.suppressed", k),
        _ => t["digest.no.data"],
    };

    // The card knows only this week, not the chart's history: the alt text says what the
    // picture shows and this week's CEI, which the card states in words as well.
    private static string ChartAlt(Texts t, Snapshot s) =>
        t.F("digest.chart.alt", IsoWeek.Parse(s.Week).Minus(DigestSeries.WeekCount - 1), s.Week, s.Cei.Score is null ? t["digest.no.data"] : Insights.P(s.Cei.Score));

    public static string Trend(Texts t, Trend trend, double? delta) => trend switch
    {
        Scoring.Trend.Rise => t.F("trend.rise", Insights.P(delta)),
        Scoring.Trend.Drop => t.F("trend.drop", Insights.P(Math.Abs(delta ?? 0))),
        Scoring.Trend.Steady => t["trend.steady"],
        Scoring.Trend.NotComparable => t["trend.not.comparable"],
        _ => t["trend.none"],
    };
}
