using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Pulse;

// Starting a round and reading one back; used by `pulse now` and the weekly job (PulseJobs).
internal static class PulseRounds
{
    public static string CardKey(long roundId) => $"pulse:{roundId}:card";

    // The LiveCard source of a round's channel card.
    public const string LiveChannel = "pulse.channel";

    // The open round of the team's current week, if any. A round never stays open past the
    // end of the week it was sent in.
    public static Task<PulseRound?> OpenAsync(CollabDbContext db, Team team, DateTimeOffset now, CancellationToken ct) =>
        db.PulseRounds.Include(r => r.Questions)
            .Where(r => r.TeamId == team.Id && r.ClosedAt == null && r.ClosesAt > now && r.SentAt <= now)
            .OrderByDescending(r => r.SentAt).FirstOrDefaultAsync(ct);

    public static Task<(PulseRound Round, bool Started)> StartAsync(BotContext ctx) =>
        StartAsync(ctx.Db, ctx.RequiredTeam, ctx.Now, ctx.Cancellation);

    // The round of the team's week (the team's zone), open or closed: a team gets one a week.
    public static Task<PulseRound?> OfWeekAsync(CollabDbContext db, Team team, IsoWeek week, CancellationToken ct)
    {
        var label = week.ToString();
        return db.PulseRounds.Include(r => r.Questions).FirstOrDefaultAsync(r => r.TeamId == team.Id && r.Week == label, ct);
    }

    // The one way a round starts, for `pulse now` and the weekly job alike: a week that has a
    // round already (open or closed) gets that one back instead of a second, so no week's
    // figures ever pool two rounds; the channel card is queued in the same transaction.
    public static async Task<(PulseRound Round, bool Started)> StartAsync(CollabDbContext db, Team team, DateTimeOffset now, CancellationToken ct)
    {
        var zone = Zones.Find(team.TimeZone);
        var week = IsoWeek.Containing(now, zone);
        if (await OfWeekAsync(db, team, week, ct) is { } existing) return (existing, false);

        var closes = now.AddHours(team.CloseAfterHours);
        if (closes > week.End(zone)) closes = week.End(zone);
        var custom = await db.PulseQuestions.Where(q => q.TeamId == team.Id && q.Active).OrderBy(q => q.Id).ToListAsync(ct);
        var round = new PulseRound
        {
            WorkspaceId = team.WorkspaceId,
            TeamId = team.Id,
            Week = week.ToString(),
            SentAt = now,
            ClosesAt = closes,
            Questions = PulseBank.ForWeek(week).Select(q => (q.Key, q.Dimension, q.Reversed))
                .Concat(custom.Select(q => (q.Key, q.Dimension, q.Reversed)))
                .Select((q, i) => new PulseRoundQuestion { WorkspaceId = team.WorkspaceId, Key = q.Key, Dimension = q.Dimension, Reversed = q.Reversed, Position = i })
                .ToList(),
        };
        var invited = await db.Members.Where(m => m.TeamId == team.Id && m.Active).Select(m => m.Id).ToListAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Starts racing each other (the weekly job on one host, `pulse now` on another) open one
        // round: the team row is written first, which holds off every other start until this
        // one commits (a row lock in PostgreSQL, the write lock in SQLite), then looked at again.
        await db.Unscoped<Team>().Where(t => t.Id == team.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.PulsePausedUntil, t => t.PulsePausedUntil), ct);
        if (await OfWeekAsync(db, team, week, ct) is { } raced) return (raced, false);
        db.Add(round);
        await db.SaveChangesAsync(ct);
        db.AddRange(invited.Select(m => new PulseParticipation { WorkspaceId = team.WorkspaceId, RoundId = round.Id, MemberId = m }));
        await db.QueueAsync(team.WorkspaceId, CardKey(round.Id), OutboxTarget.Channel, team.ChannelId,
            ChannelCard(Texts.For(team.Locale), team, round, 0, invited.Count, now), now, ct: ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (round, true);
    }

    public static Cards.Card ChannelCard(Texts t, Team team, PulseRound round, int answered, int invited, DateTimeOffset now) =>
        PulseCards.Channel(t, round.Id, team.Id, round.Week, answered, invited, Local(round.ClosesAt, team, t), round.ClosedAt is null && round.ClosesAt > now,
            team.EffectiveAnonymity);

    // The channel card of a round as it stands (a LiveCard source): its count, and closed once
    // it is. Null once the round is gone.
    public static async Task<Cards.Card?> ChannelCardAsync(CollabDbContext db, long roundId, DateTimeOffset now, CancellationToken ct)
    {
        var round = await db.Unscoped<PulseRound>().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        var team = round is null ? null : await db.Unscoped<Team>().SingleOrDefaultAsync(t => t.Id == round.TeamId, ct);
        if (round is null || team is null) return null;
        var (answered, invited) = await CountsAsync(db, roundId, ct);
        return ChannelCard(Texts.For(team.Locale), team, round, answered, invited, now);
    }

    // How many answered a round (marks: one per person) and how many were asked.
    public static async Task<(int Answered, int Invited)> CountsAsync(CollabDbContext db, long roundId, CancellationToken ct)
    {
        var answered = await db.Unscoped<PulseAnswerMark>().CountAsync(m => m.RoundId == roundId, ct);
        var invited = await db.Unscoped<PulseParticipation>().CountAsync(p => p.RoundId == roundId, ct);
        return (answered, invited);
    }

    public static string Local(DateTimeOffset at, Team team, Texts t) => t.When(TimeZoneInfo.ConvertTime(at, Zones.Find(team.TimeZone)).DateTime);

    // The questions of a round in the reader's language (team questions have one text).
    public static async Task<List<AskedQuestion>> AskedAsync(CollabDbContext db, PulseRound round, Texts t, CancellationToken ct)
    {
        var customIds = round.Questions.Where(q => q.Key.StartsWith('c')).Select(q => long.TryParse(q.Key[1..], out var id) ? id : 0).ToList();
        var custom = await db.PulseQuestions.Where(q => customIds.Contains(q.Id)).ToDictionaryAsync(q => q.Key, q => q.Text, ct);
        return round.Questions.OrderBy(q => q.Position).Select(q => new AskedQuestion(q.Key, q.Dimension,
            PulseBank.Find(q.Key)?.Text(t.IsChinese) ?? custom.GetValueOrDefault(q.Key) ?? q.Key)).ToList();
    }
}
