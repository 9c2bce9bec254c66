using CollabBot.Core.Bot;
using CollabBot.Core.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Pulse;

// Answering a round: open the private form, then submit it once, anonymously.
internal static class PulseAnswering
{
    public static async Task<Reply> OpenAsync(BotContext ctx)
    {
        var (round, refusal) = await OpenRoundAsync(ctx, fresh: true);
        if (round is null) return refusal!;
        if (await AnsweredAsync(ctx, round.Id)) return ctx.Say("pulse.already");
        return new FormReply(PulseCards.Form(ctx.T, round.Id, await PulseRounds.AskedAsync(ctx.Db, round, ctx.T, ctx.Cancellation)));
    }

    // The channel card as one viewer sees it: with their "answered" in place of the button.
    public static async Task<Reply> ViewAsync(BotContext ctx)
    {
        if (!long.TryParse(ctx.Interaction.Value(PulseActions.Round), out var id)) return ctx.Say("unknown.action", ctx.Interaction.Id);
        var round = await ctx.Services.GetRequiredService<OpenRounds>().GetAsync(ctx.Db, id, ctx.RequiredTeam.Id, fresh: true, ctx.Cancellation);
        if (round is null) return ctx.Say("pulse.unknown");
        var (answered, invited) = await PulseRounds.CountsAsync(ctx.Db, id, ctx.Cancellation);
        var team = ctx.RequiredTeam;
        return new UpdateCardReply(PulseCards.Channel(ctx.T, round.Id, team.Id, round.Week, answered, invited,
            PulseRounds.Local(round.ClosesAt, team, ctx.T), round.ClosedAt is null && round.ClosesAt > ctx.Now, team.EffectiveAnonymity, await AnsweredAsync(ctx, id)));
    }

    public static async Task<Reply> SubmitAsync(BotContext ctx)
    {
        var (round, refusal) = await OpenRoundAsync(ctx, fresh: false);
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
        var team = ctx.RequiredTeam;
        var now = ctx.Now;
        var keys = ctx.Services.GetRequiredService<Pseudonyms>();
        var written = await ctx.Services.GetRequiredService<PulseAnswerWriter>().WriteAsync(new PulseAnswerJob(
            me.WorkspaceId, round.Id, me.Id, keys.Mark(round.Id, me.PlatformUserId), now, SealedAnswer.HoursSince(round.SentAt, now),
            SealedAnswer.Seal(keys, now, values, comment.Length > 0 ? comment : null, me.PlatformUserId), team.ChannelId));
        return written switch
        {
            PulseAnswerResult.Written => ctx.Say("pulse.thanks", team.EffectiveAnonymity),
            PulseAnswerResult.AlreadyAnswered => ctx.Say("pulse.already"),
            _ => ctx.Say("pulse.closed", PulseRounds.Local(round.ClosesAt, team, ctx.T)),
        };
    }

    // Whether the caller answered the round: their mark is there (the mark needs the server's key).
    private static Task<bool> AnsweredAsync(BotContext ctx, long roundId)
    {
        var mark = ctx.Services.GetRequiredService<Pseudonyms>().Mark(roundId, ctx.Me.PlatformUserId);
        return ctx.Db.PulseAnswerMarks.AnyAsync(m => m.RoundId == roundId && m.Mark == mark, ctx.Cancellation);
    }

    private static async Task<(PulseRound? Round, Reply? Refusal)> OpenRoundAsync(BotContext ctx, bool fresh)
    {
        if (!long.TryParse(ctx.Interaction.Value(PulseActions.Round), out var id)) return (null, ctx.Say("unknown.action", ctx.Interaction.Id));
        var round = await ctx.Services.GetRequiredService<OpenRounds>().GetAsync(ctx.Db, id, ctx.RequiredTeam.Id, fresh, ctx.Cancellation);
        if (round is null) return (null, ctx.Say("pulse.unknown"));
        if (round.ClosedAt is not null || ctx.Now > round.ClosesAt)
            return (null, ctx.Say("pulse.closed", PulseRounds.Local(round.ClosesAt, ctx.RequiredTeam, ctx.T)));
        return (round, null);
    }
}
