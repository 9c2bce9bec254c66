using CollabBot.Core;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Tests.Core.Features.Digest;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Focus;

// Stored weekly digests made by hand: every dimension at 70 ±3 unless a test names it.
internal static class StoredDigests
{
    public static Snapshot Week(string week, params (string Dimension, double? Score, double Se)[] dims)
    {
        var s = SampleSnapshots.Make(week, 70);
        return s with
        {
            Dimensions = [.. s.Dimensions.Select(d => dims.Where(x => x.Dimension == d.Id).Select(x => d with { Score = x.Score, Se = x.Score is null ? null : x.Se })
                .DefaultIfEmpty(d).First())],
        };
    }

    // Stores the snapshot for the only team of the database (or the one named by its channel).
    public static async Task<int> StoreAsync(CollabDbContext db, Snapshot s, string? channel = null)
    {
        var team = await db.Unscoped<Team>().SingleAsync(t => channel == null || t.ChannelId == channel);
        db.Add(SampleSnapshots.Row(team, s));
        return await db.SaveChangesAsync();
    }
}
