using CollabBot.Core.Features.Digest;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Focus;

// A focus measured at one week: the dimension from its baseline to that week, and the change
// judged by the cei-1 significance rule (Significance), with the
// baseline week in the place of W − 1. Week is null when no digest came after the baseline.
internal sealed record FocusReport(string Dimension, string Action, string Since, double? From, double? FromSe,
    string? Week, double? To, double? ToSe, bool Closed, string? Note, string? SetBy = null, string? ClosedBy = null)
{
    public Change? Change => Week is null || From is null || To is null ? null : Scoring.Change.Between(Dimension, To, ToSe ?? 0, From, FromSe ?? 0);
}

internal static class FocusReports
{
    // The dimension's score and SE in a snapshot; null when it had none.
    public static (double? Score, double? Se) Dimension(Snapshot s, string dimension) =>
        s.Dimensions.FirstOrDefault(d => d.Id == dimension) is { Score: { } score } d ? (score, d.Se ?? 0) : (null, null);

    // A focus belongs to the digests of the weeks after its baseline, up to the week it was
    // closed at (open: every later week).
    public static bool Covers(FocusAction f, string week) =>
        string.CompareOrdinal(week, f.BaselineWeek) > 0 && (f.OutcomeWeek is null || string.CompareOrdinal(week, f.OutcomeWeek) <= 0);

    public static FocusReport At(FocusAction f, Snapshot s)
    {
        var (score, se) = Dimension(s, f.Dimension);
        return new FocusReport(f.Dimension, f.Action, f.BaselineWeek, f.BaselineScore, f.BaselineSe, s.Week, score, se, !f.Open, f.Note);
    }

    // A focus as its history shows it: a closed one with its outcome; an open one measured at
    // `latest` (the page's week) when that comes after its baseline.
    public static FocusReport History(FocusAction f, Snapshot? latest, IReadOnlyDictionary<long, string>? names = null)
    {
        var setBy = names?.GetValueOrDefault(f.SetById);
        if (!f.Open)
            return new FocusReport(f.Dimension, f.Action, f.BaselineWeek, f.BaselineScore, f.BaselineSe,
                f.OutcomeWeek == f.BaselineWeek ? null : f.OutcomeWeek, f.OutcomeScore, f.OutcomeSe, true, f.Note,
                setBy, f.ClosedById is { } c ? names?.GetValueOrDefault(c) : null);
        return latest is not null && Covers(f, latest.Week)
            ? At(f, latest) with { SetBy = setBy }
            : new FocusReport(f.Dimension, f.Action, f.BaselineWeek, f.BaselineScore, f.BaselineSe, null, null, null, false, null, setBy);
    }

    // What a digest of `s` reports: the focuses covering its week.
    public static async Task<IReadOnlyList<FocusReport>> ForDigestAsync(CollabDbContext db, long teamId, Snapshot s, CancellationToken ct) =>
        (await db.FocusActions.AsNoTracking().Where(f => f.TeamId == teamId).OrderBy(f => f.Id).ToListAsync(ct))
            .Where(f => Covers(f, s.Week)).Select(f => At(f, s)).ToList();

    // Every focus of the team begun by `week`, newest first, for the digest page.
    public static async Task<IReadOnlyList<FocusReport>> HistoryAsync(CollabDbContext db, long teamId, Snapshot s, CancellationToken ct)
    {
        var focuses = (await db.FocusActions.AsNoTracking().Where(f => f.TeamId == teamId).OrderByDescending(f => f.Id).ToListAsync(ct))
            .Where(f => string.CompareOrdinal(f.BaselineWeek, s.Week) <= 0).ToList();
        if (focuses.Count == 0) return [];
        var ids = focuses.Select(f => f.SetById).Concat(focuses.Where(f => f.ClosedById != null).Select(f => f.ClosedById!.Value)).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.DisplayName, ct);
        return focuses.Select(f => History(f, s, names)).ToList();
    }

    // The latest stored digest of the team: a focus's baseline when set, its outcome when closed.
    public static async Task<Snapshot?> LatestStoredAsync(CollabDbContext db, long teamId, CancellationToken ct) =>
        await db.DigestSnapshots.AsNoTracking().Where(s => s.TeamId == teamId && s.Model == CeiModel.Id)
            .OrderByDescending(s => s.Week).Select(s => s.Json).FirstOrDefaultAsync(ct) is { } json
            ? CollabJson.Deserialize<Snapshot>(json) : null;
}
