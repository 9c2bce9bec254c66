using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

// `pulse now|status|questions [add <dimension> <text> | remove <key>]|schedule <day> <hh:mm>|pause <weeks>`, for managers.
internal static class PulseFeature
{
    public static BotRouter MapPulse(this BotRouter bot) => bot
        .MapCommand("pulse", PulseAsync, Access.Manager)
        .MapAction(PulseActions.Open, PulseAnswering.OpenAsync)
        .MapAction(PulseActions.View, PulseAnswering.ViewAsync)
        .MapSubmit(PulseActions.Submit, PulseAnswering.SubmitAsync);

    private static Task<Reply> PulseAsync(BotContext ctx) => ctx.Args[0].ToLowerInvariant() switch
    {
        "now" when ctx.Args.Count == 1 => NowAsync(ctx),
        "status" when ctx.Args.Count == 1 => StatusAsync(ctx),
        "close" when ctx.Args.Count == 1 => CloseAsync(ctx),
        "questions" => QuestionsAsync(ctx),
        "schedule" when ctx.Args.Count == 3 => ScheduleAsync(ctx),
        "pause" when ctx.Args.Count == 2 => PauseAsync(ctx),
        _ => Task.FromResult(ctx.Usage("pulse")),
    };

    // One round a week: asked again while it is open, the card is posted again; once this
    // week's round has closed, the reply says when the next one goes out.
    private static async Task<Reply> NowAsync(BotContext ctx)
    {
        var team = ctx.RequiredTeam;
        var (round, started) = await PulseRounds.StartAsync(ctx);
        // One card goes to the team's channel, not a message to each member.
        if (started)
        {
            var asked = await ctx.Db.PulseParticipations.CountAsync(p => p.RoundId == round.Id, ctx.Cancellation);
            return ctx.Say(ctx.T.Plural("pulse.posted", asked), asked, team.Name);
        }
        if (round.ClosedAt is null && round.ClosesAt > ctx.Now)
        {
            var (answered, invited) = await PulseRounds.CountsAsync(ctx.Db, round.Id, ctx.Cancellation);
            return Reply.Show(PulseRounds.ChannelCard(ctx.T, team, round, answered, invited, ctx.Now), ephemeral: false);
        }
        return ctx.Say("pulse.week.closed", PulseRounds.Local(round.ClosedAt ?? round.ClosesAt, team, ctx.T), PulseRounds.Local(NextSend(team, ctx.Now), team, ctx.T));
    }

    // `pulse close`: the open round closes now, as the scheduled close would close it.
    private static async Task<Reply> CloseAsync(BotContext ctx)
    {
        var team = ctx.RequiredTeam;
        if (await PulseRounds.OpenAsync(ctx.Db, team, ctx.Now, ctx.Cancellation) is not { } round) return ctx.Say("pulse.close.none");
        await RoundClosing.CloseAsync(ctx.Db, ctx.Services.GetRequiredService<Pseudonyms>(), round.Id, ctx.Now, team.EffectiveAnonymity, ctx.Cancellation);
        await ctx.Services.GetRequiredService<PulseJobs>().CloseAsync(team.Id, ctx.Cancellation);
        var (answered, invited) = await PulseRounds.CountsAsync(ctx.Db, round.Id, ctx.Cancellation);
        return ctx.Say(answered >= team.EffectiveAnonymity ? "pulse.closed.now" : "pulse.closed.now.few", answered, invited, team.EffectiveAnonymity);
    }

    // The next scheduled send after now: the team's pulse day and time in the coming week.
    private static DateTimeOffset NextSend(Storage.Team team, DateTimeOffset now)
    {
        var zone = Zones.Find(team.TimeZone);
        var next = IsoWeek.Containing(now, zone).Next();
        var day = next.Monday.AddDays(((int)team.PulseDay + 6) % 7);
        var local = day.ToDateTime(team.PulseTime);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static async Task<Reply> StatusAsync(BotContext ctx)
    {
        var round = await ctx.Db.PulseRounds.Where(r => r.TeamId == ctx.RequiredTeam.Id).OrderByDescending(r => r.SentAt).FirstOrDefaultAsync(ctx.Cancellation);
        if (round is null) return ctx.Say("pulse.none");
        var (answered, invited) = await PulseRounds.CountsAsync(ctx.Db, round.Id, ctx.Cancellation);
        var open = round.ClosedAt is null && round.ClosesAt > ctx.Now;
        return Reply.Show(PulseCards.Status(ctx.T, round.Week, answered, invited,
            PulseRounds.Local(round.ClosesAt, ctx.RequiredTeam, ctx.T), open, await PulseLedger.ForRoundAsync(ctx, round.Id)));
    }

    private static async Task<Reply> QuestionsAsync(BotContext ctx)
    {
        var team = ctx.RequiredTeam;
        switch (ctx.Args[1].ToLowerInvariant())
        {
            case "add" when ctx.Args.Count >= 4 && CeiModel.IsDimension(ctx.Args[2].ToLowerInvariant()):
                // "reversed": agreeing is bad news ("Did the CRM slow you down?"); scored 6 − answer.
                var reversed = ctx.Args[3].Equals("reversed", StringComparison.OrdinalIgnoreCase);
                if (reversed && ctx.Args.Count < 5) return ctx.Usage("pulse");
                var text = ctx.Args.Rest(reversed ? 4 : 3);
                if (text.Length > 300) return ctx.Say("form.too.long", 300);
                var q = new PulseQuestion { WorkspaceId = team.WorkspaceId, TeamId = team.Id, Dimension = ctx.Args[2].ToLowerInvariant(), Text = text, Reversed = reversed };
                ctx.Db.Add(q);
                await ctx.Db.SaveChangesAsync(ctx.Cancellation);
                return ctx.Say(reversed ? "pulse.question.added.reversed" : "pulse.question.added", q.Key, CeiModel.Dimension(q.Dimension).Name(ctx.T.Locale));
            case "remove" when ctx.Args.Count == 3:
                var id = ctx.Args[2].TrimStart('c');
                var existing = long.TryParse(id, out var qid)
                    ? await ctx.Db.PulseQuestions.FirstOrDefaultAsync(x => x.Id == qid && x.TeamId == team.Id && x.Active, ctx.Cancellation) : null;
                if (existing is null) return ctx.Say("pulse.question.unknown", ctx.Args[2]);
                existing.Active = false;
                await ctx.Db.SaveChangesAsync(ctx.Cancellation);
                return ctx.Say("pulse.question.removed", existing.Key);
            case "" when ctx.Args.Count == 1:
                var week = IsoWeek.Containing(ctx.Now, ctx.Zone);
                var custom = await ctx.Db.PulseQuestions.Where(x => x.TeamId == team.Id && x.Active).OrderBy(x => x.Id).ToListAsync(ctx.Cancellation);
                var asked = PulseBank.ForWeek(week).Select(b => new AskedQuestion(b.Key, b.Dimension, b.Text(ctx.T.IsChinese)))
                    .Concat(custom.Select(c => new AskedQuestion(c.Key, c.Dimension, c.Text))).ToList();
                return Reply.Show(PulseCards.Questions(ctx.T, week.ToString(), asked));
            default:
                return ctx.Usage("pulse");
        }
    }

    // `pulse pause <weeks>`: the weekly job skips sends until then (the team's local date);
    // 0 lifts a pause. `pulse now` still works while paused: a manager asked for it.
    private static async Task<Reply> PauseAsync(BotContext ctx)
    {
        if (!int.TryParse(ctx.Args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weeks) || weeks > Schedule.MaxPauseWeeks)
            return ctx.Usage("pulse");
        var until = weeks == 0 ? (DateOnly?)null : ctx.Today.AddDays(7 * weeks);
        ctx.RequiredTeam.PulsePausedUntil = until;
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return until is { } date ? ctx.Say("pulse.paused", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : ctx.Say("pulse.resumed");
    }

    private static async Task<Reply> ScheduleAsync(BotContext ctx)
    {
        if (Schedule.ParseDay(ctx.Args[1]) is not { } day || !Schedule.TryParseTime(ctx.Args[2], out var time)) return ctx.Usage("pulse");
        (ctx.RequiredTeam.PulseDay, ctx.RequiredTeam.PulseTime) = (day, time);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        await ctx.Services.GetRequiredService<ScheduleSync>().TeamChangedAsync(ctx.RequiredTeam, ctx.Cancellation);
        return ctx.Say("pulse.scheduled", ctx.T.DayName(day), time.ToString("HH:mm", CultureInfo.InvariantCulture), ctx.RequiredTeam.TimeZone);
    }
}

internal static class Schedule
{
    public const int MaxPauseWeeks = 26;

    public static DayOfWeek? ParseDay(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length < 3) return null;
        foreach (var day in Enum.GetValues<DayOfWeek>())
            if (day.ToString().ToLowerInvariant().StartsWith(t, StringComparison.Ordinal)) return day;
        return null;
    }

    public static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
