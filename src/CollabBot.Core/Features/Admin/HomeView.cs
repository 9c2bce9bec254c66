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

    public static BotRouter MapHome(this BotRouter bot) => bot.MapAction(Open, BuildAsync);

    private static async Task<Reply> BuildAsync(BotContext ctx)
    {
        var me = ctx.Me;
        var weekStart = IsoWeek.Containing(ctx.Now, ctx.Zone).Start(ctx.Zone);
        var goals = await ctx.Db.Goals.Where(g => g.OwnerId == me.Id && !g.Archived && g.DueDate >= ctx.Today).OrderBy(g => g.Id).ToListAsync(ctx.Cancellation);
        var goalIds = goals.Select(g => g.Id).ToList();
        var checkedIn = await ctx.Db.CheckIns.AnyAsync(c => goalIds.Contains(c.GoalId) && c.At >= weekStart, ctx.Cancellation);
        var unrated = await ctx.Db.Handoffs.Where(h => h.ToId == me.Id && !ctx.Db.HandoffFeedback.Any(f => f.HandoffId == h.Id))
            .OrderBy(h => h.At).Take(5).ToListAsync(ctx.Cancellation);
        var since = ctx.Now.AddDays(-28);
        var kudos = await ctx.Db.KudosReceivers.CountAsync(r => r.MemberId == me.Id && ctx.Db.Kudos.Any(k => k.Id == r.KudosId && k.At >= since), ctx.Cancellation);
        var cei = await ctx.Db.DigestSnapshots.Where(s => s.TeamId == ctx.RequiredTeam.Id && s.Model == CeiModel.Id)
            .OrderByDescending(s => s.Week).Select(s => new { s.Week, s.Cei }).FirstOrDefaultAsync(ctx.Cancellation);
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
