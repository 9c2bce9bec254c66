using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Admin;

// A member's own page (Slack's App Home): their goals, whether this week's check-in is
// pending, handoffs waiting for their rating, kudos received lately, and the team's CEI.
internal static class HomeView
{
    public const string Open = "home.open";

    public static BotRouter MapHome(this BotRouter bot) => bot.MapView(Open, BuildAsync);

    private static async Task<Reply> BuildAsync(BotContext ctx)
    {
        var me = ctx.Me;
        var weekStart = IsoWeek.Containing(ctx.Now, ctx.Zone).Start(ctx.Zone);
        var goals = await HomeQueries.GoalsAsync(ctx.Db, me.Id, ctx.Today);
        var checkedIn = goals.Count > 0 && await HomeQueries.CheckedInAsync(ctx.Db, me.Id, ctx.Today, weekStart, ctx.Cancellation);
        var unrated = await HomeQueries.UnratedAsync(ctx.Db, me.Id);
        var kudos = await HomeQueries.KudosAsync(ctx.Db, me.Id, ctx.Now.AddDays(-28), ctx.Cancellation);
        var cei = await HomeQueries.CeiAsync(ctx.Db, ctx.RequiredTeam.Id, ctx.Cancellation);
        return Reply.Show(Card(ctx.T, ctx.RequiredTeam.Name, goals, goals.Count > 0 && !checkedIn, unrated, kudos, cei?.Week, cei?.Cei));
    }

    public static Card Card(Texts t, string team, IReadOnlyList<Goal> goals, bool checkInDue, IReadOnlyList<Handoff> unrated, int kudos, string? week, double? cei)
    {
        var body = new List<CardElement> { new Header(t.F("home.title", team)) };
        body.Add(new FactSet([
            new(t["home.cei"], week is null ? t["digest.no.data"] : $"{Insights.P(cei)} ({week})"),
            new(t["home.kudos"], kudos.ToString(CultureInfo.InvariantCulture)),
        ]));
        body.Add(new Header(t["goal.list.title"]));
        body.Add(goals.Count == 0 ? new TextBlock(t["goal.list.none"])
            : new FactSet(goals.Select(g => new Fact(g.Title, t.F("goal.progress", GoalCards.N(g.CurrentValue ?? g.StartValue), GoalCards.N(g.Target),
                g.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))).ToList()));
        if (checkInDue) body.Add(new TextBlock(t["home.checkin.due"]));
        foreach (var h in unrated)
        {
            body.Add(new TextBlock(t.F("home.rate", h.Subject)));
            body.Add(new ActionRow([new CardAction(HandoffActions.Rate, t["handoff.card.rate"], HandoffCards.Payload(h.Id, h.TeamId), OpensForm: true)]));
        }
        return new Card("home", t.F("home.title", team), body);
    }
}
