using CollabBot.Core.Bot;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Digest;

// `digest [last|<yyyy-Www>] [explain]` (bare: DigestChoice; `last`: the week before this one). Managers and admins see the manager view; reps the
// team-wide channel view. A week with no stored snapshot is computed on demand, not stored;
// only a stored week gets the chart and page links (the page shows stored snapshots only).
internal static class DigestFeature
{
    public static BotRouter MapDigest(this BotRouter bot) => bot
        .MapCommand("digest", DigestAsync)
        // Slack reports a click on a link button as an action too; the browser already opened
        // the page, so there is nothing to answer (an "unknown action" reply would confuse).
        .MapAction(DigestCards.OpenAction, _ => Task.FromResult(Reply.None), Access.Anyone);

    private static async Task<Reply> DigestAsync(BotContext ctx)
    {
        var words = ctx.Args.Words.Select(w => w.ToLowerInvariant()).ToList();
        var explain = words.Remove("explain");
        IsoWeek? week = null;
        if (words.Count > 1 || (words.Count == 1 && words[0] != "last" && !IsoWeek.TryParse(words[0], out _))) return ctx.Usage("digest");
        if (words.Count == 1 && words[0] != "last") week = IsoWeek.Parse(words[0]);

        var team = ctx.RequiredTeam;
        var current = IsoWeek.Containing(ctx.Now, ctx.Zone);
        if (week is { } w && w.CompareTo(current) > 0) return ctx.Say("digest.future", w);
        if (words.Count == 1 && words[0] == "last") week = current.Previous();
        week ??= await DigestChoice.ForBareCommandAsync(ctx.Db, team, current, ctx.Zone, ctx.Cancellation);
        var key = week.Value.ToString();
        var stored = await ctx.Db.DigestSnapshots.FirstOrDefaultAsync(s => s.TeamId == team.Id && s.Model == CeiModel.Id && s.Week == key, ctx.Cancellation);

        Snapshot snapshot;
        var weekToDate = false;
        string? openUntil = null;
        if (stored is not null)
        {
            snapshot = CollabJson.Deserialize<Snapshot>(stored.Json);
        }
        else
        {
            var target = week.Value;
            weekToDate = target.Equals(current);
            await RoundClosing.CloseDueAsync(ctx.Db, ctx.Services.GetRequiredService<Pseudonyms>(), [team.Id], ctx.Now, ctx.Cancellation);
            var data = (await ctx.Services.GetRequiredService<TeamDataLoader>().LoadAsync([team.Id], LoadWindow.ForWeek(target), ctx.Cancellation))[team.Id];
            // While a round is open, survey figures stay hidden: asking again after each new
            // answer would otherwise reveal that answer (difference of two means). Participation
            // and speed — whether and when — still show.
            var openRound = weekToDate ? data.PulseRounds.Where(r => r.ClosesAt > ctx.Now).OrderBy(r => r.ClosesAt).FirstOrDefault() : null;
            var open = openRound is not null;
            if (openRound is not null) openUntil = PulseRounds.Local(openRound.ClosesAt, team, ctx.T);
            var scored = Scorer.Score(open ? data with { Team = data.Team with { AnonymityThreshold = int.MaxValue } } : data, target, weekToDate ? ctx.Now : null);
            snapshot = open ? scored with { Team = scored.Team with { AnonymityThreshold = team.EffectiveAnonymity } } : scored;
        }
        var links = stored is null ? null : ctx.Services.GetService<IDigestLinks>()?.For(team.Id, stored.Week);
        var focus = await Focus.FocusReports.ForDigestAsync(ctx.Db, team.Id, snapshot, ctx.Cancellation);
        // The reply is private (ephemeral, or the 1:1 chat): a manager's shows the week's comments.
        var comments = ctx.IsManager ? await Comments.DigestComments.LoadAsync(ctx.Db, team, week.Value, ctx.Cancellation) : null;
        return Reply.Show(DigestCards.Digest(ctx.T, snapshot, ctx.IsManager, explain && ctx.IsManager, weekToDate, links, focus, openUntil, comments));
    }
}
