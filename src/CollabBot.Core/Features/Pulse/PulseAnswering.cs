using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

// Answering a round: open the private form, then submit it once, anonymously.
internal static class PulseAnswering
{
    public static async Task<Reply> OpenAsync(BotContext ctx)
    {
        var (round, refusal) = await OpenRoundAsync(ctx);
        if (round is null) return refusal!;
        var mine = await ctx.Db.PulseParticipations.FirstOrDefaultAsync(p => p.RoundId == round.Id && p.MemberId == ctx.Me.Id, ctx.Cancellation);
        if (mine?.AnsweredAt is not null) return ctx.Say("pulse.already");
        return new FormReply(PulseCards.Form(ctx.T, round.Id, await PulseRounds.AskedAsync(ctx.Db, round, ctx.T, ctx.Cancellation)));
    }

    public static async Task<Reply> SubmitAsync(BotContext ctx)
    {
        var (round, refusal) = await OpenRoundAsync(ctx);
        if (round is null) return refusal!;

        var values = new Dictionary<string, int>();
        var errors = new Dictionary<string, string>();
        foreach (var q in round.Questions)
        {
            if (int.TryParse(ctx.Interaction.Value(q.Key), out var v) && v is >= 1 and <= 5) values[q.Key] = v;
            else errors[q.Key] = ctx.T["pulse.form.required"];
        }
        var comment = ctx.Interaction.Value(PulseActions.Comment).Trim();
        if (comment.Length > 1000) errors[PulseActions.Comment] = ctx.T.F("form.too.long", 1000);
        if (errors.Count > 0) return new FormErrorsReply(errors);

        var me = ctx.Me;
        var db = ctx.Db;
        await using var tx = await db.Database.BeginTransactionAsync(ctx.Cancellation);
        // The participation row keeps only the UTC day, so it cannot be matched to the answer's time.
        var day = new DateTimeOffset(ctx.Now.UtcDateTime.Date, TimeSpan.Zero);
        var marked = await db.PulseParticipations.Where(p => p.RoundId == round.Id && p.MemberId == me.Id && p.AnsweredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.AnsweredAt, day), ctx.Cancellation);
        if (marked == 0)
        {
            if (await db.PulseParticipations.AnyAsync(p => p.RoundId == round.Id && p.MemberId == me.Id, ctx.Cancellation))
                return ctx.Say("pulse.already");
            db.Add(new PulseParticipation { WorkspaceId = me.WorkspaceId, RoundId = round.Id, MemberId = me.Id, AnsweredAt = day });
        }
        db.Add(new PulseResponse
        {
            WorkspaceId = me.WorkspaceId, RoundId = round.Id, AnsweredAt = ctx.Now, Comment = comment.Length > 0 ? comment : null,
            Respondent = ctx.Services.GetRequiredService<Pseudonyms>().For(round.Id, me.Id),
            Answers = values.Select(kv => new PulseAnswer { WorkspaceId = me.WorkspaceId, QuestionKey = kv.Key, Value = kv.Value }).ToList(),
        });
        await db.SaveChangesAsync(ctx.Cancellation);

        var answered = await db.PulseParticipations.CountAsync(p => p.RoundId == round.Id && p.AnsweredAt != null, ctx.Cancellation);
        var invited = await db.PulseParticipations.CountAsync(p => p.RoundId == round.Id, ctx.Cancellation);
        var team = ctx.RequiredTeam;
        await ctx.ToChannelAsync($"pulse:{round.Id}:count:{answered}",
            PulseRounds.ChannelCard(Texts.For(team.Locale), team, round, answered, invited, ctx.Now), updates: PulseRounds.CardKey(round.Id));
        await db.SaveChangesAsync(ctx.Cancellation);
        await tx.CommitAsync(ctx.Cancellation);
        return ctx.Say("pulse.thanks", team.EffectiveAnonymity);
    }

    private static async Task<(PulseRound? Round, Reply? Refusal)> OpenRoundAsync(BotContext ctx)
    {
        if (!long.TryParse(ctx.Interaction.Value(PulseActions.Round), out var id)) return (null, ctx.Say("unknown.action", ctx.Interaction.Id));
        var round = await ctx.Db.PulseRounds.Include(r => r.Questions)
            .FirstOrDefaultAsync(r => r.Id == id && r.TeamId == ctx.RequiredTeam.Id, ctx.Cancellation);
        if (round is null) return (null, ctx.Say("pulse.unknown"));
        if (round.ClosedAt is not null || ctx.Now > round.ClosesAt)
            return (null, ctx.Say("pulse.closed", PulseRounds.Local(round.ClosesAt, ctx.RequiredTeam)));
        return (round, null);
    }
}
