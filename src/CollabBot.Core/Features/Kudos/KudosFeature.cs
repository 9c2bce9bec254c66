using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Kudos;

// `kudos @a [@b…] [#value] message`: recognition posted to the team channel.
internal static class KudosFeature
{
    public const int MaxMessage = 500;

    public static BotRouter MapKudos(this BotRouter bot) => bot.MapCommand("kudos", GiveAsync);

    private static async Task<Reply> GiveAsync(BotContext ctx)
    {
        var team = ctx.RequiredTeam;
        var me = ctx.Me;
        var mentions = ctx.Args.Mentions;
        var tags = ctx.Args.Words.Where(w => w.StartsWith('#') && w.Length > 1).ToList();
        var message = string.Join(' ', ctx.Args.Words.Where(w => !CommandArgs.IsMention(w) && !tags.Contains(w))).Trim();
        if (mentions.Count == 0 || message.Length == 0 || tags.Count > 1) return ctx.Usage("kudos");
        if (message.Length > MaxMessage) return ctx.Say("form.too.long", MaxMessage);
        if (mentions.Contains(me.PlatformUserId)) return ctx.Say("kudos.self");

        string? value = null;
        if (tags.Count == 1)
        {
            value = team.KudosValueList().FirstOrDefault(v => string.Equals(v, tags[0][1..], StringComparison.OrdinalIgnoreCase));
            if (value is null) return ctx.Say("kudos.value.unknown", tags[0], string.Join(", ", team.KudosValueList().Select(v => "#" + v)));
        }

        var receivers = await ctx.Db.Members.Where(m => m.TeamId == team.Id && m.Active && mentions.Contains(m.PlatformUserId)).ToListAsync(ctx.Cancellation);
        var outside = mentions.Except(receivers.Select(r => r.PlatformUserId)).ToList();
        if (outside.Count > 0) return ctx.Say("kudos.outside", string.Join(", ", outside.Select(u => $"<@{u}>")));

        var dayStart = Scoring.IsoWeek.LocalMidnight(ctx.Today, ctx.Zone);
        var givenToday = await ctx.Db.Kudos.CountAsync(k => k.GiverId == me.Id && k.At >= dayStart, ctx.Cancellation);
        if (givenToday >= team.DailyKudosLimit) return ctx.Say("kudos.limit", team.DailyKudosLimit);

        var kudos = new KudosPost
        {
            WorkspaceId = me.WorkspaceId, TeamId = team.Id, GiverId = me.Id, Value = value, Message = message, At = ctx.Now,
            Receivers = receivers.Select(r => new KudosReceiver { WorkspaceId = me.WorkspaceId, MemberId = r.Id }).ToList(),
        };
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ctx.Cancellation);
        ctx.Db.Add(kudos);
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        await ctx.ToChannelAsync($"kudos:{kudos.Id}", Celebration(Texts.For(team.Locale), me, receivers, value, message));
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        await tx.CommitAsync(ctx.Cancellation);
        return ctx.Say("kudos.sent", string.Join(", ", receivers.Select(r => $"<@{r.PlatformUserId}>")), team.DailyKudosLimit - givenToday - 1);
    }

    // Mentions stay `<@id>` tokens: each platform renders them as real mentions.
    public static Card Celebration(Texts t, Member giver, IReadOnlyList<Member> receivers, string? value, string message)
    {
        var to = string.Join(", ", receivers.Select(r => $"<@{r.PlatformUserId}>"));
        var body = new List<CardElement>
        {
            new Header(t["kudos.card.title"]),
            new TextBlock(t.F("kudos.card.line", $"<@{giver.PlatformUserId}>", to)),
            new TextBlock($"“{message}”"),
        };
        if (value is not null) body.Add(new FactSet([new Fact(t["kudos.card.value"], "#" + value)]));
        return new Card("kudos.celebration", t.F("kudos.card.fallback", giver.DisplayName, string.Join(", ", receivers.Select(r => r.DisplayName))), body);
    }
}
