using System.Text.Json;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Digest;

// What to read: everything (export), or only what weeks in a window can use. Pulse rounds
// have their own lower bound because only W and W − 1 need them, and they are the bulk.
internal sealed record LoadWindow(DateTimeOffset From, DateTimeOffset PulseFrom, DateTimeOffset To)
{
    // Week W's digest scores W and W − 1; trailing windows reach back to W − 4. Fourteen
    // hours either side cover every zone's idea of where a week starts and ends.
    public static LoadWindow ForWeek(IsoWeek week)
    {
        var utc = TimeZoneInfo.Utc;
        var pad = TimeSpan.FromHours(14);
        return new(week.Minus(4).Start(utc) - pad, week.Previous().Start(utc) - pad, week.End(utc) + pad);
    }
}

// Loads scorer input for many teams with one query per table, never per team or member,
// and maps rows to the export format's ids ("t1", "m7", "r3" …).
internal sealed class TeamDataLoader(CollabDbContext db)
{
    public async Task<Dictionary<long, TeamData>> LoadAsync(IReadOnlyCollection<long> teamIds, LoadWindow? window, CancellationToken ct)
    {
        var ids = teamIds.ToList();
        var since = window?.From ?? DateTimeOffset.MinValue;
        var pulseFrom = window?.PulseFrom ?? DateTimeOffset.MinValue;
        var until = window?.To ?? DateTimeOffset.MaxValue;
        var fromDate = window is null ? DateOnly.MinValue : DateOnly.FromDateTime(since.UtcDateTime.AddDays(-1));
        var toDate = window is null ? DateOnly.MaxValue : DateOnly.FromDateTime(until.UtcDateTime.AddDays(1));

        var teams = await db.Unscoped<Team>().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Name, t.TimeZone, t.AnonymityThreshold, Weights = t.Workspace!.WeightsJson })
            .AsNoTracking().ToListAsync(ct);
        var zones = teams.ToDictionary(t => t.Id, t => Zones.Find(t.TimeZone));
        // Joins and leaves to the day (the start of that day in the team's zone): no member-linked
        // time finer than the day leaves the bot, whatever older rows hold.
        var members = (await db.Unscoped<Member>().Where(m => ids.Contains(m.TeamId)).OrderBy(m => m.Id)
            .Select(m => new { m.TeamId, m.Id, m.DisplayName, m.SalesRole, m.IsManager, m.JoinedAt, m.LeftAt })
            .AsNoTracking().ToListAsync(ct))
            .Select(m => new
            {
                m.TeamId,
                Info = new MemberInfo("m" + m.Id, m.DisplayName, m.SalesRole, m.IsManager,
                Zones.DayStart(m.JoinedAt, zones[m.TeamId]), m.LeftAt is { } left ? Zones.DayStart(left, zones[m.TeamId]) : null)
            })
            .ToList();

        var rounds = db.Unscoped<PulseRound>().Where(r => ids.Contains(r.TeamId) && r.SentAt >= pulseFrom && r.SentAt < until);
        var roundIds = rounds.Select(r => r.Id);
        var roundRows = await rounds.OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.TeamId, r.SentAt, r.ClosesAt, r.ClosedAt, r.Week, r.AnswerHours, r.AnonymityThreshold }).AsNoTracking().ToListAsync(ct);
        // A round still open has no responses yet (its answers are sealed): only whether and when
        // people answered, from the sealed rows' whole hours.
        var openHours = (await db.Unscoped<PulseSealedAnswer>().Where(a => roundIds.Contains(a.RoundId))
            .Select(a => new { a.RoundId, a.Hour }).AsNoTracking().ToListAsync(ct)).ToLookup(a => a.RoundId, a => a.Hour);
        var questions = (await db.Unscoped<PulseRoundQuestion>().Where(q => roundIds.Contains(q.RoundId))
            .Select(q => new { q.RoundId, q.Position, Info = new QuestionInfo(q.Key, q.Dimension, q.Reversed) }).AsNoTracking().ToListAsync(ct))
            .ToLookup(q => q.RoundId);
        var invited = (await db.Unscoped<PulseParticipation>().Where(p => roundIds.Contains(p.RoundId))
            .Select(p => new { p.RoundId, p.MemberId }).AsNoTracking().ToListAsync(ct)).ToLookup(p => p.RoundId, p => p.MemberId);
        // Survey answers only of rounds that closed with at least k people (decided at the close).
        var published = rounds.Where(r => r.Published || (r.ClosedAt != null && r.AnswerHours == null)).Select(r => r.Id);
        var responses = db.Unscoped<PulseResponse>().Where(r => published.Contains(r.RoundId));
        var responseRows = await responses.OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.RoundId, r.Respondent, r.AnsweredAt }).AsNoTracking().ToListAsync(ct);
        var responseIds = responses.Select(r => r.Id);
        var answerValues = new Dictionary<long, List<(string Key, int Value)>>(responseRows.Count);
        await foreach (var a in db.Unscoped<PulseAnswer>().Where(a => responseIds.Contains(a.ResponseId))
            .Select(a => new { a.ResponseId, a.QuestionKey, a.Value }).AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!answerValues.TryGetValue(a.ResponseId, out var list)) answerValues[a.ResponseId] = list = new List<(string, int)>(8);
            list.Add((a.QuestionKey, a.Value));
        }

        var goals = db.Unscoped<Goal>().Where(g => ids.Contains(g.TeamId) && !g.IsTeamGoal && g.OwnerId != null
            && g.DueDate >= fromDate && g.StartDate <= toDate);
        var goalRows = await goals.OrderBy(g => g.Id).Select(g => new
        {
            g.Id,
            g.TeamId,
            g.OwnerId,
            g.Title,
            g.StartValue,
            g.Target,
            g.StartDate,
            g.DueDate,
            g.ParentGoalId
        }).AsNoTracking().ToListAsync(ct);
        var goalTeam = goalRows.ToDictionary(g => g.Id, g => g.TeamId);
        var goalIds = goals.Select(g => g.Id);
        var checkIns = await db.Unscoped<CheckIn>().Where(c => goalIds.Contains(c.GoalId) && c.At >= since && c.At < until)
            .OrderBy(c => c.Id).Select(c => new { c.GoalId, Info = new CheckInInfo("g" + c.GoalId, c.At, c.Value, c.Confidence, c.Blocker) })
            .AsNoTracking().ToListAsync(ct);

        var kudos = db.Unscoped<KudosPost>().Where(k => ids.Contains(k.TeamId) && k.At >= since && k.At < until);
        var kudosRows = await kudos.OrderBy(k => k.Id).Select(k => new { k.Id, k.TeamId, k.GiverId, k.Value, k.At }).AsNoTracking().ToListAsync(ct);
        var kudosIds = kudos.Select(k => k.Id);
        var receivers = (await db.Unscoped<KudosReceiver>().Where(r => kudosIds.Contains(r.KudosId))
            .Select(r => new { r.KudosId, r.MemberId }).AsNoTracking().ToListAsync(ct)).ToLookup(r => r.KudosId, r => r.MemberId);

        var handoffs = db.Unscoped<Handoff>().Where(h => ids.Contains(h.TeamId));
        var handoffRows = await handoffs.Where(h => h.At >= since && h.At < until).OrderBy(h => h.Id)
            .Select(h => new { h.Id, h.TeamId, Info = new HandoffInfo("h" + h.Id, "m" + h.FromId, "m" + h.ToId, h.RolePair, h.Subject, h.At) })
            .AsNoTracking().ToListAsync(ct);
        var feedbackRows = await (
            from f in db.Unscoped<HandoffFeedback>()
            join h in handoffs on f.HandoffId equals h.Id
            where (f.At >= since && f.At < until) || (h.At >= since && h.At < until)
            orderby f.Id
            select new
            {
                h.TeamId,
                f.HandoffId,
                f.Quality,
                f.ItemsPresent,
                f.ItemsTotal,
                f.At,
                f.MissingItems,
                Handoff = new HandoffInfo("h" + h.Id, "m" + h.FromId, "m" + h.ToId, h.RolePair, h.Subject, h.At)
            })
            .AsNoTracking().ToListAsync(ct);
        // A feedback inside the window may rate a handoff made before it; its time is needed for speed.
        var allHandoffs = handoffRows.Select(h => (h.Id, h.TeamId, h.Info))
            .Concat(feedbackRows.Select(f => (Id: f.HandoffId, f.TeamId, Info: f.Handoff))).DistinctBy(h => h.Id).OrderBy(h => h.Id).ToList();

        var membersByTeam = members.ToLookup(m => m.TeamId, m => m.Info);
        var roundsByTeam = roundRows.ToLookup(r => r.TeamId, r => new PulseRoundInfo("r" + r.Id, r.SentAt,
            r.ClosedAt is { } closed && closed < r.ClosesAt ? closed : r.ClosesAt,
            invited[r.Id].Order().Select(m => "m" + m).ToList(),
            questions[r.Id].OrderBy(q => q.Position).Select(q => q.Info).ToList(),
            r.ClosedAt is null ? openHours[r.Id].Order().ToList() : r.AnswerHours is null ? null : RoundClosing.ParseHours(r.AnswerHours),
            r.Week, r.AnonymityThreshold));
        var roundTeam = roundRows.ToDictionary(r => r.Id, r => r.TeamId);
        var answersByTeam = responseRows.ToLookup(r => roundTeam[r.RoundId], r => new PulseAnswerInfo("r" + r.RoundId, r.Respondent, r.AnsweredAt,
            (answerValues.GetValueOrDefault(r.Id) ?? []).OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Value), null));

        var goalsByTeam = goalRows.ToLookup(g => g.TeamId, g => new GoalInfo("g" + g.Id, "m" + g.OwnerId, g.Title, g.StartValue,
            g.Target, g.StartDate, g.DueDate, g.ParentGoalId is { } p ? "g" + p : null));
        var checkInsByTeam = checkIns.ToLookup(c => goalTeam[c.GoalId], c => c.Info);
        var kudosByTeam = kudosRows.ToLookup(k => k.TeamId, k => new KudosInfo("m" + k.GiverId,
            receivers[k.Id].Order().Select(r => "m" + r).ToList(), k.Value, k.At));
        var handoffsByTeam = allHandoffs.ToLookup(h => h.TeamId, h => h.Info);
        var feedbackByTeam = feedbackRows.ToLookup(f => f.TeamId, f => new HandoffFeedbackInfo("h" + f.HandoffId, f.Quality, f.ItemsPresent,
            f.ItemsTotal, f.At, f.MissingItems?.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        return teams.ToDictionary(t => t.Id, t => new TeamData(
            new TeamInfo("t" + t.Id, t.Name, t.TimeZone, t.AnonymityThreshold, ParseWeights(t.Weights)),
            membersByTeam[t.Id].ToList(), roundsByTeam[t.Id].ToList(), answersByTeam[t.Id].ToList(),
            goalsByTeam[t.Id].ToList(), checkInsByTeam[t.Id].ToList(), kudosByTeam[t.Id].ToList(),
            handoffsByTeam[t.Id].ToList(), feedbackByTeam[t.Id].ToList()));
    }

    private static Dictionary<string, IReadOnlyDictionary<string, double>>? ParseWeights(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(json)?
            .ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value);
}
