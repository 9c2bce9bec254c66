using CollabBot.Core.Bot;
using CollabBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.TeamView;

// What the manager's team view reads: a handful of queries for the whole team, never one per
// member. Counts cover this week and the three before, as the digest's trailing windows do.
internal static class TeamViewQueries
{
    public static async Task<TeamViewData> LoadAsync(BotContext ctx)
    {
        var (db, ct, team, zone) = (ctx.Db, ctx.Cancellation, ctx.RequiredTeam, ctx.Zone);
        var week = IsoWeek.Containing(ctx.Now, zone);
        var (weekStart, since) = (week.Start(zone), week.Minus(3).Start(zone));
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

        var members = await db.Members.AsNoTracking().Where(m => m.TeamId == team.Id && m.Active).OrderBy(m => m.DisplayName).ThenBy(m => m.Id).ToListAsync(ct);
        var names = await db.Members.AsNoTracking().Where(m => m.TeamId == team.Id).ToDictionaryAsync(m => m.Id, m => m.DisplayName, ct);
        var goals = await db.Goals.AsNoTracking().Where(g => g.TeamId == team.Id && !g.Archived).OrderBy(g => g.Id).ToListAsync(ct);

        var teamGoals = goals.Where(g => g.IsTeamGoal && g.DueDate >= ctx.Today).Select(g =>
        {
            var linked = goals.Where(p => p.ParentGoalId == g.Id && !p.IsTeamGoal).ToList();
            var progress = linked.Sum(p => (p.CurrentValue ?? p.StartValue) - p.StartValue);
            var span = g.Target - g.StartValue;
            return new TeamGoalLine(g.Id, g.Title, g.Target, linked.Count, progress, linked.Sum(p => p.Target - p.StartValue), g.DueDate,
                span == 0 ? 1 : progress / span, GoalPaces.Elapsed(g, ctx.Now, zone), GoalPaces.Pace(g, g.StartValue + progress, ctx.Now, zone));
        }).ToList();

        // Personal goals running today, with the latest check-in of each (whenever it was).
        var running = goals.Where(g => !g.IsTeamGoal && g.OwnerId != null && g.StartDate <= ctx.Today && g.DueDate >= ctx.Today).ToList();
        var runningIds = running.Select(g => g.Id).ToList();
        var latest = (await db.CheckIns.AsNoTracking().Where(c => runningIds.Contains(c.GoalId)).ToListAsync(ct))
            .GroupBy(c => c.GoalId).ToDictionary(g => g.Key, g => g.MaxBy(c => (c.At, c.Id))!);
        var atRisk = running.Where(g => latest.ContainsKey(g.Id))
            .Select(g => (g, c: latest[g.Id], pace: GoalPaces.Pace(g, latest[g.Id].Value, latest[g.Id].At, zone)))
            .Where(x => x.c.Confidence <= GoalPaces.LowConfidence || x.pace < GoalPaces.OffPace)
            .OrderBy(x => x.pace).ThenBy(x => x.c.Confidence).ThenBy(x => x.g.Id)
            .Select(x => new RiskLine(names.GetValueOrDefault(x.g.OwnerId!.Value, ""), x.g.Title, x.c.Confidence, x.pace, Day(x.c.At))).ToList();

        // Check-ins are not anonymous (the form says so): this week's blockers come with names.
        var goalIds = goals.Where(g => !g.IsTeamGoal).Select(g => g.Id).ToList();
        var byId = goals.ToDictionary(g => g.Id);
        var blockers = (await db.CheckIns.AsNoTracking().Where(c => goalIds.Contains(c.GoalId) && c.At >= weekStart && c.Blocker != null)
                .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).ToListAsync(ct))
            .Select(c => new BlockerLine(names.GetValueOrDefault(byId[c.GoalId].OwnerId ?? 0, ""), byId[c.GoalId].Title, c.Blocker!, Day(c.At))).ToList();

        var given = await db.Kudos.Where(k => k.TeamId == team.Id && k.At >= since).GroupBy(k => k.GiverId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var received = await db.KudosReceivers.Where(r => db.Kudos.Any(k => k.Id == r.KudosId && k.TeamId == team.Id && k.At >= since))
            .GroupBy(r => r.MemberId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var handoffs = await db.Handoffs.Where(h => h.TeamId == team.Id && h.At >= since).Select(h => new { h.FromId, h.ToId }).ToListAsync(ct);
        var made = handoffs.CountBy(h => h.FromId).ToDictionary();
        var taken = handoffs.CountBy(h => h.ToId).ToDictionary();

        var lines = members.Select(m => new MemberLine(m.DisplayName, m.SalesRole, m.IsManager || m.IsAdmin, received.GetValueOrDefault(m.Id),
            given.GetValueOrDefault(m.Id), made.GetValueOrDefault(m.Id), taken.GetValueOrDefault(m.Id))).ToList();
        // Handoff quality by role pair over the same four weeks; a pair's figures need k ratings.
        var pairs = await Handoffs.HandoffPairQuery.LoadAsync(db, team.Id, since, ctx.Now, ctx.Now, ct);
        var k = team.EffectiveAnonymity;
        var pairFacts = pairs.Select(p => new Cards.Fact(Handoffs.SalesRoles.Show(p.Pair), p.Reportable(k) && p.Quality is { } q
            ? ctx.T.F("team.pair.line", p.Made, p.Rated, q.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                Math.Round(p.Completeness ?? 0), p.MostMissing is { } missing ? Handoffs.HandoffChecklist.Localize(missing, ctx.T) : "–")
            : ctx.T.F("team.pair.few", p.Made, p.Rated, k))).ToList();
        return new TeamViewData(team.Name, week.ToString(), Day(since), teamGoals, atRisk, blockers, lines, pairFacts.Count > 0 ? pairFacts : null);
    }
}
