using CollabBot.Core.Scoring;
using static CollabBot.Tests.Core.Scoring.TeamDataBuilder;

namespace CollabBot.Tests.Core.Scoring;

// The cei-1 model's "Worked example", computed end to end.
public sealed class WorkedExampleTests
{
    private static TeamData Team(params int[] roleAnswers) =>
        new TeamDataBuilder(k: 5).Members(6).Round("r1", At(2), 6).Answers("r1", "role.a", roleAnswers).Build();

    [Fact]
    public void Five_of_six_answered_gives_role_clarity_75_and_participation_83()
    {
        var s = Scorer.Score(Team(4, 5, 3, 4, 4), W47);
        var role = s.Dimensions.Single(d => d.Id == "role");
        var survey = role.Components.Single();
        Assert.Equal(75.0, survey.Value!.Value, 9);
        Assert.Equal(7.906, survey.Se!.Value, 3);
        Assert.Equal(5, survey.N);
        Assert.Equal(75.0, role.Score!.Value, 9);

        var participation = s.Dimensions.Single(d => d.Id == "communication").Components.Single(c => c.Id == "participation");
        Assert.Equal(83.33, participation.Value!.Value, 2);
        Assert.Equal(15.21, participation.Se!.Value, 2);
        Assert.Equal(6, participation.N);
    }

    [Fact]
    public void Four_answers_are_fewer_than_k_so_role_clarity_has_no_data()
    {
        var s = Scorer.Score(Team(4, 5, 3, 4), W47);
        var role = s.Dimensions.Single(d => d.Id == "role");
        Assert.Null(role.Score);
        var survey = role.Components.Single();
        Assert.Equal(ComponentStatus.Suppressed, survey.Status);
        Assert.Null(survey.Value);
        Assert.Null(survey.N);
    }

    [Fact]
    public void Drop_of_13_points_with_these_errors_is_steady_within_noise()
    {
        var c = Change.Between("role", 62.0, 8.5, 75.0, 7.906);
        Assert.Equal(-13.0, c.Delta!.Value, 9);
        Assert.Equal(22.75, c.Threshold!.Value, 2);
        Assert.False(c.Significant);
        Assert.Equal(Trend.Steady, c.Trend);
    }

    [Fact]
    public void A_small_change_needs_at_least_five_points()
    {
        Assert.Equal(5, Change.Between("role", 54, 0, 50, 0).Threshold);
        Assert.Equal(Trend.Steady, Change.Between("role", 54, 0, 50, 0).Trend);
        Assert.Equal(Trend.Rise, Change.Between("role", 55, 0, 50, 0).Trend);
        Assert.Equal(Trend.Drop, Change.Between("role", 45, 0, 50, 0).Trend);
        Assert.Equal(Trend.NoData, Change.Between("role", null, null, 50, 0).Trend);
    }
}
