using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Features.Admin;

// What to set up before the first pulse, sent privately once when a channel becomes a team:
// time zone, pulse schedule, roles, the first pulse. It goes to the person who added the app
// when they are the team's admin (the usual case); otherwise to the team's admins, who are
// the ones `settings` and `role` answer to.
internal static class SetupChecklist
{
    public static string Key(long teamId, string user) => $"setup:{teamId}:{user}";

    public static Card Card(Texts t, Team team)
    {
        var pulse = t.F("setup.when", t.DayName(team.PulseDay), $"{team.PulseTime:HH\\:mm}");
        return new("admin.setup", t.F("setup.title", team.Name),
        [
            new Header(t.F("setup.title", team.Name)),
            new TextBlock(t["setup.intro"]),
            new FactSet([
                new(t["setup.timezone"], t.F("setup.timezone.how", team.TimeZone)),
                new(t["setup.pulse"], t.F("setup.pulse.how", pulse)),
                new(t["setup.roles"], t["setup.roles.how"]),
                new(t["setup.first"], t.F("setup.first.how", pulse)),
            ]),
            new TextBlock(t["setup.more"], Subtle: true),
        ]);
    }

    // admins: the team's active admins after the install; installer: who added the app, in their language.
    public static async Task QueueAsync(BotContext ctx, Team team, IReadOnlyList<Member> admins, Texts installerTexts)
    {
        var installer = ctx.Interaction.UserId;
        var to = admins.Any(a => a.PlatformUserId == installer)
            ? [(installer, installerTexts)]
            : admins.Select(a => (a.PlatformUserId, Texts.For(a.Locale, team.Locale))).ToList();
        foreach (var (user, t) in to)
            await ctx.Db.QueueAsync(team.WorkspaceId, Key(team.Id, user), OutboxTarget.Member, user, Card(t, team), ctx.Now, null, ctx.Cancellation);
    }
}
