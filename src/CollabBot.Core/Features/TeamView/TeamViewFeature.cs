using CollabBot.Core.Bot;

namespace CollabBot.Core.Features.TeamView;

// `team` (managers): the team at a glance, privately.
internal static class TeamViewFeature
{
    public static BotRouter MapTeamView(this BotRouter bot) => bot.MapCommand("team", ShowAsync, Access.Manager);

    private static async Task<Reply> ShowAsync(BotContext ctx) =>
        ctx.Args.Count > 0 ? ctx.Usage("team") : Reply.Show(TeamViewCards.View(ctx.T, await TeamViewQueries.LoadAsync(ctx)));
}
