using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Features.Privacy;

internal static class PrivacyActions
{
    public const string Forget = "privacy.forget";
}

// `export me` (a JSON file of the member's own data) and `forget me` (erasure, after a
// confirmation button).
internal static class PrivacyFeature
{
    public static BotRouter MapPrivacy(this BotRouter bot) => bot
        .MapCommand("export", ExportAsync)
        .MapCommand("forget", ForgetAsync)
        .MapAction(PrivacyActions.Forget, ConfirmForgetAsync);

    private static async Task<Reply> ExportAsync(BotContext ctx)
    {
        if (ctx.Args.Count != 1 || !ctx.Args[0].Equals("me", StringComparison.OrdinalIgnoreCase)) return ctx.Usage("export");
        var data = await PersonalData.CollectAsync(ctx);
        var link = ctx.Services.GetService<IExportLinks>()?.For(ctx.Me.Id);
        return new FileReply(PersonalData.FileName(ctx.Today), CollabJson.Serialize(data, indented: true), ctx.T["export.done"],
            link is null ? null : ExportLinkCard.Of(ctx.T, link));
    }

    private static Task<Reply> ForgetAsync(BotContext ctx) =>
        Task.FromResult(ctx.Args.Count != 1 || !ctx.Args[0].Equals("me", StringComparison.OrdinalIgnoreCase)
            ? ctx.Usage("forget")
            : Reply.Show(ConfirmCard(ctx.T)));

    private static async Task<Reply> ConfirmForgetAsync(BotContext ctx)
    {
        var erased = await Erasure.EraseAsync(ctx);
        return new UpdateCardReply(DoneCard(ctx.T, erased));
    }

    public static Card ConfirmCard(Texts t) => new("privacy.forget.confirm", t["forget.title"],
    [
        new Header(t["forget.title"]),
        new TextBlock(t["forget.explain"]),
        new ActionRow([new CardAction(PrivacyActions.Forget, t["forget.confirm"], Style: ActionStyle.Danger)]),
    ]);

    public static Card DoneCard(Texts t, ErasureCounts c) => new("privacy.forget.done", t["forget.done.title"],
    [
        new Header(t["forget.done.title"]),
        new FactSet([
            new(t["forget.erased.goals"], $"{c.Goals} / {c.CheckIns}"), new(t["forget.erased.kudos"], $"{c.KudosGiven}"),
            new(t["forget.erased.handoffs"], $"{c.Handoffs} / {c.Ratings}"),
        ]),
        new TextBlock(t["forget.kept"], Subtle: true),
    ]);
}
