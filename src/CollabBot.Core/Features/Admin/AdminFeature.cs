using System.Globalization;
using System.Text.RegularExpressions;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Admin;

// `help`, `settings [timezone|language|anonymity|pulse|digest|values] <value>` and
// `role …` (admins, RoleCommand).
internal static partial class AdminFeature
{
    public static BotRouter MapAdmin(this BotRouter bot) => bot
        .MapReadOnlyCommand("help", ctx => Task.FromResult(Reply.Show(Help(ctx.T, ctx.IsManager, ctx.IsAdmin))))
        .MapCommand("settings", SettingsAsync, Access.Admin)
        .MapCommand("role", RoleCommand.RunAsync, Access.Admin)
        .MapInstall();

    // The same few cards over and over (language × role): built once each. Cards are never
    // changed once made, so one instance serves every request.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool, bool), Card> Helps = new();

    public static Card Help(Texts t, bool manager, bool admin) => Helps.GetOrAdd((t.Locale, manager, admin), _ => BuildHelp(t, manager, admin));

    private static Card BuildHelp(Texts t, bool manager, bool admin)
    {
        var lines = EveryonesCommands(t);
        if (manager)
            lines.AddRange([new("pulse", t["usage.pulse"]), new("comments", t["usage.comments"]), new("reply", t["usage.reply"]),
                new("deliveries", t["usage.deliveries"]), new("focus", t["usage.focus"]),
                new("team", t["help.team"]), new("1on1", t["help.1on1"])]);
        if (admin) lines.AddRange([new("settings", t["usage.settings"]), new("role", t["usage.role"]), new("handoff crm", t["usage.crm"])]);
        return new Card("admin.help", t["help.title"], [new Header(t["help.title"]), new TextBlock(t["help.intro"]), new FactSet(lines)]);
    }

    public static Card Settings(Texts t, Team team) => new("admin.settings", t["settings.title"],
    [
        new Header(t["settings.title"]),
        new FactSet([
            new(t["settings.timezone"], team.TimeZone), new(t["settings.language"], team.Locale),
            new(t["settings.anonymity"], team.EffectiveAnonymity.ToString(CultureInfo.InvariantCulture)),
            new(t["settings.pulse"], $"{t.DayName(team.PulseDay)} {team.PulseTime:HH\\:mm}"),
            new(t["settings.digest"], $"{t.DayName(team.DigestDay)} {team.DigestTime:HH\\:mm}"),
            new(t["settings.values"], string.Join(", ", team.KudosValueList().Select(v => "#" + v))),
        ]),
        new TextBlock(t["usage.settings"], Subtle: true),
    ]);

    private static async Task<Reply> SettingsAsync(BotContext ctx)
    {
        var team = ctx.RequiredTeam;
        var value = ctx.Args.Rest(1);
        switch (ctx.Args[0].ToLowerInvariant())
        {
            case "" when ctx.Args.Count == 0:
                return Reply.Show(Settings(ctx.T, team));
            case "timezone" when ctx.Args.Count == 2:
                if (!Zones.Exists(value)) return ctx.Say("settings.timezone.unknown", value);
                team.TimeZone = value;
                break;
            case "language" when ctx.Args.Count == 2:
                if (Texts.Normalize(value) is not { } locale) return ctx.Say("settings.language.unknown", value);
                team.Locale = locale;
                break;
            case "anonymity" when ctx.Args.Count == 2 && int.TryParse(value, out var k) && k is > 0 and <= 50:
                if (k < Team.MinAnonymity) return ctx.Say("settings.anonymity.low", Team.MinAnonymity);
                team.AnonymityThreshold = k;
                break;
            case "pulse" or "digest" when ctx.Args.Count == 3 && Schedule.ParseDay(ctx.Args[1]) is { } day && Schedule.TryParseTime(ctx.Args[2], out var time):
                if (ctx.Args[0].Equals("pulse", StringComparison.OrdinalIgnoreCase)) (team.PulseDay, team.PulseTime) = (day, time);
                else (team.DigestDay, team.DigestTime) = (day, time);
                break;
            case "values" when ctx.Args.Count >= 2:
                var values = value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(v => v.TrimStart('#').ToLowerInvariant()).Distinct().ToList();
                if (values.Count > 10 || values.Any(v => !ValueName().IsMatch(v))) return ctx.Say("settings.values.bad");
                team.KudosValues = string.Join(',', values);
                break;
            default:
                return ctx.Usage("settings");
        }
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        // Zone, pulse and digest times move the team's jobs; the others leave them as they are.
        await ctx.Services.GetRequiredService<ScheduleSync>().TeamChangedAsync(team, ctx.Cancellation);
        return Reply.Show(Settings(Texts.For(ctx.Me.Locale, team.Locale), team));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,29}$")]
    private static partial Regex ValueName();
}
