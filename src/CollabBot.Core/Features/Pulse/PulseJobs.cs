using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

internal enum PulseSendResult { Started, Paused, AlreadySent, NoTeam }

// The pulse's three weekly jobs: send, remind those who have not answered, close. Each may
// run twice (a retry, a second host, a late start) and then changes nothing the first run did.
internal sealed class PulseJobs(IServiceScopeFactory scopes, TimeProvider time)
{
    // The send job runs a few seconds after its cron time, so a round's nominal close lies a
    // little after the close job's own cron time; rounds due within this margin close now
    // rather than staying open, uncarded, until the next week's run.
    public static readonly TimeSpan CloseMargin = TimeSpan.FromHours(1);

    // Rounds closed this long ago still get their closed card if they somehow lack it.
    private static readonly TimeSpan Recent = TimeSpan.FromDays(8);

    // The reminder's outbox key names nobody: its tail is a keyed token, not the member id, so
    // `deliveries` and the ledgers can show it without saying who had not answered.
    public static string ReminderKey(long roundId, string token) => $"pulse:{roundId}:remind:{token}";
    public static string ClosedKey(long roundId) => $"pulse:{roundId}:closed";

    public async Task<PulseSendResult> SendAsync(long teamId, CancellationToken ct = default)
    {
        await using var job = await JobScope.OpenAsync(scopes, time, teamId, ct);
        if (job is null) return PulseSendResult.NoTeam;
        if (job.Team.PulsePausedUntil is { } until && job.Today < until) return PulseSendResult.Paused;
        // One round a week: a manager's `pulse now` earlier in the week stands for the weekly one.
        var week = job.Week.ToString();
        if (await job.Db.PulseRounds.AnyAsync(r => r.TeamId == teamId && r.Week == week, ct)) return PulseSendResult.AlreadySent;
        var (_, started) = await PulseRounds.StartAsync(job.Db, job.Team, job.Now, ct);
        return started ? PulseSendResult.Started : PulseSendResult.AlreadySent;
    }

    // One direct message per member and round, only to invited members still in the team who
    // have not answered (no mark), at one instant for the whole round: the round's RemindedAt
    // and the outbox keys both make a second run a no-op. Nothing per member is written but the
    // message itself.
    public async Task<int> RemindAsync(long teamId, CancellationToken ct = default)
    {
        await using var job = await JobScope.OpenAsync(scopes, time, teamId, ct);
        if (job is null || await PulseRounds.OpenAsync(job.Db, job.Team, job.Now, ct) is not { } round || round.RemindedAt is not null) return 0;
        var keys = job.Services.GetRequiredService<Pseudonyms>();
        var invited = await job.Db.PulseParticipations.Where(p => p.RoundId == round.Id)
            .Join(job.Db.Members.Where(m => m.Active), p => p.MemberId, m => m.Id, (p, m) => m)
            .OrderBy(m => m.Id).ToListAsync(ct);
        var marks = (await job.Db.PulseAnswerMarks.Where(m => m.RoundId == round.Id).Select(m => m.Mark).ToListAsync(ct)).ToHashSet();
        var pending = invited.Where(m => !marks.Contains(keys.Mark(round.Id, m.PlatformUserId))).ToList();

        await using var tx = await job.Db.Database.BeginTransactionAsync(ct);
        var claimed = await job.Db.PulseRounds.Where(r => r.Id == round.Id && r.RemindedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindedAt, job.Now), ct);
        if (claimed == 0) return 0;
        foreach (var m in pending)
            await job.ToMemberAsync(m, ReminderKey(round.Id, keys.Reminder(round.Id, m.Id)),
                PulseCards.Reminder(job.TextsFor(m), round.Id, teamId, round.Week, PulseRounds.Local(round.ClosesAt, job.Team, job.TextsFor(m))));
        await job.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return pending.Count;
    }

    // Closes the team's rounds that are due and puts the channel card in its closed state.
    public async Task<int> CloseAsync(long teamId, CancellationToken ct = default)
    {
        await using var job = await JobScope.OpenAsync(scopes, time, teamId, ct);
        if (job is null) return 0;
        var (now, dueBy) = (job.Now, job.Now + CloseMargin);
        var due = await job.Db.PulseRounds.Where(r => r.TeamId == teamId && r.ClosedAt == null && r.SentAt <= now && r.ClosesAt <= dueBy)
            .Select(r => r.Id).ToListAsync(ct);
        var pseudonyms = job.Services.GetRequiredService<Pseudonyms>();
        foreach (var id in due) await RoundClosing.CloseAsync(job.Db, pseudonyms, id, now, job.Team.EffectiveAnonymity, ct);

        // Answers written just before the close may still wait in the answer writer for their
        // card's refresh. Queued now, it goes before the closed card, which supersedes it; queued
        // after, it would draw the closed card once more (drawn when sent: LiveCards), one update
        // for nothing. Once the close is committed no answer gets in.
        if (due.Count > 0) await job.Services.GetRequiredService<PulseAnswerWriter>().FlushCountersAsync();

        // Cards for every recently closed round, not only this run's: a run that stopped
        // between the close and the card is finished by the next one (the key keeps it single).
        var since = now - Recent;
        var closed = await job.Db.PulseRounds.Where(r => r.TeamId == teamId && r.ClosedAt != null && r.ClosedAt > since)
            .OrderBy(r => r.Id).ToListAsync(ct);
        var keys = closed.Select(r => ClosedKey(r.Id)).ToList();
        var carded = await job.Db.Outbox.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct);
        var missing = closed.Where(r => !carded.Contains(ClosedKey(r.Id))).ToList();
        if (missing.Count == 0) return due.Count;

        var ids = missing.Select(r => r.Id).ToList();
        var t = Texts.For(job.Team.Locale);
        foreach (var round in missing)
        {
            var (answered, invited) = await PulseRounds.CountsAsync(job.Db, round.Id, ct);
            await job.ToChannelAsync(ClosedKey(round.Id), PulseRounds.ChannelCard(t, job.Team, round, answered, invited, job.Now),
                updates: PulseRounds.CardKey(round.Id));
        }
        await job.Db.SaveChangesAsync(ct);
        return due.Count;
    }
}
