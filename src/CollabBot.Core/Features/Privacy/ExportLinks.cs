using CollabBot.Core.Cards;
using CollabBot.Core.Localization;

namespace CollabBot.Core.Features.Privacy;

// A short-lived download link for one person's `export me` file, for platforms where a bot
// cannot attach a file to a message (Teams). The host signs it; the file is made when the
// link is opened, so no export is ever stored.
internal sealed record ExportLink(string Url, int Minutes);

// Mints the link for a member row (the person is whoever that row belongs to, in all the
// teams of its workspace). Without an implementation registered, there is no link.
internal interface IExportLinks
{
    ExportLink For(long memberId);
}

internal static class ExportLinkCard
{
    public const string Kind = "privacy.export.link";
    // Opening a URL needs no handler; the id only names the button.
    public const string Download = "privacy.download";

    public static Card Of(Texts t, ExportLink link) => new(Kind, t["export.link.title"],
    [
        new Header(t["export.link.title"]),
        new TextBlock(t.F("export.link.text", link.Minutes)),
        new ActionRow([new CardAction(Download, t["export.link.download"], Style: ActionStyle.Primary, Url: link.Url)]),
    ]);

    // What the card catalogue and golden files show: the shape of a link, opening nothing.
    public static readonly ExportLink Sample = new("https://collabbot.example.com/export/2?exp=1798761600&sig=sample-signature", 15);
}
