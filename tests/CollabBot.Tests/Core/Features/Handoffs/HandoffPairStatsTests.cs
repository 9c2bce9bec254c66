using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Scoring;

namespace CollabBot.Tests.Core.Features.Handoffs;

// Handoff quality by pair, as a pure function of handoffs and ratings.
public sealed class HandoffPairStatsTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(28);

    private static HandoffInfo H(string id, string? pair, DateTimeOffset at) => new(id, "m1", "m2", pair, "Contoso", at);

    private static HandoffFeedbackInfo F(string id, int quality, int present, DateTimeOffset at, params string[] missing) =>
        new(id, quality, present, 6, at, missing);

    [Fact]
    public void Each_pair_gets_its_count_quality_completeness_most_missing_item_and_median_time_to_rating()
    {
        var handoffs = new[]
        {
            H("h1", "SDR>AE", From.AddDays(1)), H("h2", "SDR>AE", From.AddDays(2)), H("h3", "SDR>AE", From.AddDays(3)),
            H("h4", "AE>CSM", From.AddDays(4)), H("h5", "SDR>AE", From.AddDays(5)),
        };
        var feedback = new[]
        {
            F("h1", 4, 6, From.AddDays(1).AddHours(2)),
            F("h2", 2, 3, From.AddDays(2).AddHours(10), "Timeline agreed", "Budget known", "Notes in the CRM"),
            F("h3", 3, 4, From.AddDays(3).AddHours(30), "Timeline agreed", "Notes in the CRM"),
            F("h4", 5, 6, From.AddDays(4).AddHours(1)),
        };
        var rows = HandoffPairStats.Compute(handoffs, feedback, From, To, To);

        Assert.Equal(["SDR>AE", "AE>CSM"], rows.Select(r => r.Pair));           // the chain's order
        var sdrAe = rows[0];
        Assert.Equal((4, 3), (sdrAe.Made, sdrAe.Rated));                       // h5 is not rated yet
        Assert.Equal(3.0, sdrAe.Quality!.Value, 9);
        Assert.Equal(100.0 * (1 + 0.5 + 4.0 / 6) / 3, sdrAe.Completeness!.Value, 9);
        Assert.Equal(("Notes in the CRM", 2), (sdrAe.MostMissing, sdrAe.MostMissingCount));   // a tie goes to the first by name
        Assert.Equal(10.0, sdrAe.HoursToRating!.Value, 9);                     // median of 2, 10, 30
        Assert.Equal((1, 1, 5.0, null), (rows[1].Made, rows[1].Rated, rows[1].Quality, rows[1].MostMissing));
        Assert.True(sdrAe.Reportable(3));
        Assert.False(rows[1].Reportable(3));
    }

    [Fact]
    public void Only_ratings_given_in_the_window_and_by_the_as_of_instant_count()
    {
        var before = H("h0", "SDR>AE", From.AddDays(-2));                     // made before, rated inside: counts as a rating
        var handoffs = new[] { before, H("h1", "SDR>AE", From.AddDays(1)), H("h2", "SDR>AE", To.AddDays(-1)) };
        var feedback = new[]
        {
            F("h0", 5, 6, From.AddHours(1)),
            F("h1", 1, 0, From.AddDays(1).AddHours(1)),
            F("h2", 1, 0, To.AddHours(1)),                                     // after the window
        };
        var asOf = From.AddDays(1);                                           // before h1 was rated
        var rows = HandoffPairStats.Compute(handoffs, feedback, From, To, asOf);
        var row = Assert.Single(rows);
        Assert.Equal((1, 1, 5.0), (row.Made, row.Rated, row.Quality));         // made by the as-of instant: h1 only
        Assert.Equal(49.0, row.HoursToRating!.Value, 9);

        var all = Assert.Single(HandoffPairStats.Compute(handoffs, feedback, From, To, To));
        Assert.Equal((2, 2, 3.0), (all.Made, all.Rated, all.Quality));
    }

    [Fact]
    public void A_handoff_rated_twice_counts_once_and_unknown_pairs_follow_the_chain()
    {
        var handoffs = new[] { H("h1", null, From.AddDays(1)), H("h2", "SE>AE", From.AddDays(1)), H("h3", "AE>SE", From.AddDays(1)) };
        var feedback = new[] { F("h1", 2, 6, From.AddDays(2)), F("h1", 5, 6, From.AddDays(3)), F("h9", 5, 6, From.AddDays(3)) };
        var rows = HandoffPairStats.Compute(handoffs, feedback, From, To, To);
        Assert.Equal(["AE>SE", "SE>AE", "Rep>Rep"], rows.Select(r => r.Pair));
        Assert.Equal((1, 2.0), (rows[2].Rated, rows[2].Quality));            // the first rating stands
        Assert.Empty(HandoffPairStats.Compute([], [], From, To, To));
    }
}
