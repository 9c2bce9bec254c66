using CollabBot.Core.Cards;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Features.Comments;

// The comments of a digest's week, for the manager views only (the manager card and the
// digest page; never the channel card). Loaded by the same rules as `comments`
// (CommentThreads.LoadAsync): a round still open or closed below k holds no comment text
// here at all, only why it is sealed. ClosesLocal is the close in the team's zone, so each
// reader's language can say it.
internal sealed record DigestComments(string Week, CommentsState State, IReadOnlyList<string> Comments, DateTime ClosesLocal, int K)
{
    // Null when the week had no pulse (the digest already says so).
    public static async Task<DigestComments?> LoadAsync(CollabDbContext db, Team team, IsoWeek week, CancellationToken ct)
    {
        var view = await CommentThreads.LoadAsync(db, team, week, ct);
        if (view.Round is not { } round) return null;
        return new(round.Week, view.State, view.State == CommentsState.Shown ? view.Comments.Select(c => c.Text).ToList() : [],
            TimeZoneInfo.ConvertTime(round.ClosesAt, Zones.Find(team.TimeZone)).DateTime, round.AnonymityThreshold ?? team.EffectiveAnonymity);
    }

    // Why the comments are not shown, in the reader's language; null when they are.
    public string? SealedReason(Texts t) => State switch
    {
        CommentsState.Open => t.F("comments.open", Week, t.When(ClosesLocal)),
        CommentsState.Sealed => t.F("comments.sealed", Week, K),
        _ => null,
    };
}

// The section the manager's digest card gets. A card must stay within Slack's limits (50
// blocks, 3000 characters a section) beside the digest's own blocks, so it shows at most
// MaxShown comments, each cut to MaxChars, and points to `comments <week>` for the rest; the
// numbers are the ones `comments` and `reply <n>` use.
internal static class DigestCommentsCard
{
    public const int MaxShown = 8;
    public const int MaxChars = 400;

    public static IEnumerable<CardElement> Section(Texts t, DigestComments c)
    {
        yield return new Header(t.F("comments.title", c.Week));
        if (c.SealedReason(t) is { } reason)
        {
            yield return new TextBlock(reason);
            yield break;
        }
        if (c.Comments.Count == 0)
        {
            yield return new TextBlock(t.F("comments.empty", c.Week));
            yield break;
        }
        foreach (var (text, i) in c.Comments.Take(MaxShown).Select((text, i) => (text, i)))
            yield return new TextBlock($"{i + 1}. {Cut(text)}");
        if (c.Comments.Count > MaxShown) yield return new TextBlock(t.F("comments.digest.more", c.Comments.Count - MaxShown, c.Week), Subtle: true);
        yield return new TextBlock(t["comments.hint"], Subtle: true);
    }

    private static string Cut(string text) => text.Length <= MaxChars ? text : text[..(MaxChars - 1)].TrimEnd() + "…";
}
