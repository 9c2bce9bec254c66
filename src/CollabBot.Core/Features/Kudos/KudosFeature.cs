using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Kudos;

internal static class KudosActions
{
    public const string Compose = "kudos.compose";
    public const string Submit = "kudos.submit";
    public const string To = "to";
    public const string Value = "value";
    public const string Message = "message";
}

// `kudos @a [@b…] [#value] message`: recognition posted to the team channel.
internal static class KudosFeature
{
    public const int MaxMessage = 500;

    public static BotRouter MapKudos(this BotRouter bot) => bot
        .MapCommand("kudos", GiveAsync)
        .MapAction(KudosActions.Compose, ComposeAsync)
        .MapSubmit(KudosActions.Submit, SubmitAsync);

    private static Task<Reply> GiveAsync(BotContext ctx)
    {
        var mentions = ctx.Args.Mentions;
        var tags = ctx.Args.Words.Where(w => w.StartsWith('#') && w.Length > 1).ToList();
        var message = string.Join(' ', ctx.Args.Words.Where(w => !CommandArgs.IsMention(w) && !tags.Contains(w))).Trim();
        if (mentions.Count == 0 || message.Length == 0 || tags.Count > 1) return Task.FromResult(ctx.Usage("kudos"));
        return GiveAsync(ctx, mentions, tags.FirstOrDefault()?[1..], message);
    }

    // "Give kudos for this message": a form for one receiver, then the same rules as the command.
    private static Task<Reply> ComposeAsync(BotContext ctx)
    {
        var to = ctx.Interaction.Value(KudosActions.To);
        if (to.Length == 0) return Task.FromResult(ctx.Usage("kudos"));
        var t = ctx.T;
        return Task.FromResult<Reply>(new FormReply(new Form(KudosActions.Submit, t["kudos.form.title"], t["form.submit"],
        [
            new TextBlock(t.F("kudos.form.intro", $"<@{to}>")),
            new ChoiceInput(KudosActions.Value, t["kudos.card.value"], ctx.RequiredTeam.KudosValueList().Select(v => new Choice(v, "#" + v)).ToList()),
            new TextInput(KudosActions.Message, t["kudos.form.message"], Multiline: true, MaxLength: MaxMessage, Required: true),
        ], new Dictionary<string, string> { [KudosActions.To] = to })));
    }

    private static Task<Reply> SubmitAsync(BotContext ctx)
    {
        var message = ctx.Interaction.Value(KudosActions.Message).Trim();
        if (message.Length == 0) return Task.FromResult<Reply>(new FormErrorsReply(new Dictionary<string, string> { [KudosActions.Message] = ctx.T["kudos.form.required"] }));
        var value = ctx.Interaction.Value(KudosActions.Value);
        return GiveAsync(ctx, [ctx.Interaction.Value(KudosActions.To)], value.Length > 0 ? value : null, message);
    }

    private static async Task<Reply> GiveAsync(BotContext ctx, IReadOnlyList<string> mentions, string? tag, string message)
    {
        var team = ctx.RequiredTeam;
        var me = ctx.Me;
        if (message.Length > MaxMessage) return ctx.Say("form.too.long", MaxMessage);
        if (mentions.Contains(me.PlatformUserId)) return ctx.Say("kudos.self");

        string? value = null;
        if (tag is not null)
        {
            value = team.KudosValueList().FirstOrDefault(v => string.Equals(v, tag, StringComparison.OrdinalIgnoreCase));
            if (value is null) return ctx.Say("kudos.value.unknown", "#" + tag, string.Join(", ", team.KudosValueList().Select(v => "#" + v)));
        }

        message = await ctx.MembersOnlyAsync(message);
        var receivers = await ctx.Db.Members.Where(m => m.TeamId == team.Id && m.Active && mentions.Contains(m.PlatformUserId)).ToListAsync(ctx.Cancellation);
        var outside = mentions.Except(receivers.Select(r => r.PlatformUserId)).ToList();
        if (outside.Count > 0) return ctx.Say("kudos.outside", string.Join(", ", outside.Select(u => $"<@{u}>")));

        var dayStart = Scoring.IsoWeek.LocalMidnight(ctx.Today, ctx.Zone);
        var givenToday = await ctx.Db.Kudos.CountAsync(k => k.GiverId == me.Id && k.At >= dayStart, ctx.Cancellation);
        if (givenToday >= team.DailyKudosLimit) return ctx.Say("kudos.limit", team.DailyKudosLimit);

        var kudos = new KudosPost
        {
            WorkspaceId = me.WorkspaceId,
            TeamId = team.Id,
            GiverId = me.Id,
            Value = value,
            Message = message,
            At = ctx.Now,
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
