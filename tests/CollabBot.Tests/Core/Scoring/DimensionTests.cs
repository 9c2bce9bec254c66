using CollabBot.Core.Scoring;
using static CollabBot.Tests.Core.Scoring.TeamDataBuilder;

namespace CollabBot.Tests.Core.Scoring;

public sealed class DimensionTests
{
    [Fact]
    public void Missing_component_weights_are_dropped_and_the_rest_renormalised()
    {
        // recognition: coverage 50 (w .3), breadth 25 (w .15), equality 100·(1 − G) (w .15), survey missing.
        var d = new TeamDataBuilder().Members(2).Kudos("m1", At(1), "m2").Build();
        var s = WeekScore.Compute(d, W47, At(7, 0));
        var rec = s.Dimension("recognition");
        var gini = 2.0 / (2 * 4 * 0.5);                                  // received [0, 1]
        var expected = (0.3 * 50 + 0.15 * 50 + 0.15 * 100 * (1 - gini)) / 0.6;
        Assert.Equal(expected, rec.Score!.Value, 9);
        var seCov = 100 * Math.Sqrt(0.25 / 2);
        var seBreadth = 100 * Math.Sqrt(0.25 / 2);
        Assert.Equal(Math.Sqrt(0.09 * seCov * seCov + 0.0225 * seBreadth * seBreadth) / 0.6, rec.Se!.Value, 9);
        Assert.Equal(0.5, rec.Components.Single(c => c.Component.Id == "recognition-coverage").EffectiveWeight, 9);
    }

    [Fact]
    public void Cei_is_the_mean_of_scored_dimensions_with_its_coverage()
    {
        var d = new TeamDataBuilder(k: 3).Members(3).Round("r1", At(2), 3).Answers("r1", "role.a", 5, 5, 5)
            .Kudos("m1", At(1), "m2").Build();
        var s = Scorer.Score(d, W47);
        var scored = s.Dimensions.Where(x => x.Score is not null).ToList();
        Assert.Equal(scored.Average(x => x.Score!.Value), s.Cei.Score!.Value, 9);
        Assert.Equal(scored.Count, s.Cei.Coverage);
        Assert.Equal(Math.Sqrt(scored.Sum(x => x.Se!.Value * x.Se!.Value)) / scored.Count, s.Cei.Se!.Value, 9);
    }

    [Fact]
    public void Workspace_weights_override_the_defaults()
    {
        var b = new TeamDataBuilder(k: 3).Members(3).Round("r1", At(2), 3).Answers("r1", "communication.a", 5, 5, 5);
        var plain = b.Build();
        var overridden = plain with
        {
            Team = plain.Team with
            {
                Weights = new Dictionary<string, IReadOnlyDictionary<string, double>>
                { ["communication"] = new Dictionary<string, double> { ["survey.communication"] = 0 } }
            },
        };
        // Round questions default to role.a; give the round a communication question instead.
        TeamData WithQuestion(TeamData t) => t with { PulseRounds = [t.PulseRounds[0] with { Questions = [new("communication.a", "communication", false)] }] };
        var a = Scorer.Score(WithQuestion(plain), W47).Dimensions.Single(x => x.Id == "communication");
        var o = Scorer.Score(WithQuestion(overridden), W47).Dimensions.Single(x => x.Id == "communication");
        Assert.Equal(100 * 0.6 + 100 * 0.2 + (100 * (1 - 1.0 / 48)) * 0.2, a.Score!.Value, 9);
        Assert.Equal((100 + 100 * (1 - 1.0 / 48)) / 2, o.Score!.Value, 9);
    }

    [Fact]
    public void Cei_change_is_not_comparable_when_the_dimension_sets_differ()
    {
        var d = new TeamDataBuilder(k: 3).Members(3)
            .Kudos("m1", At(-6), "m2")                                    // previous week: recognition only
            .Round("r1", At(2), 3).Answers("r1", "role.a", 4, 4, 4)       // this week adds role, communication, feedback
            .Build();
        var s = Scorer.Score(d, W47);
        var cei = s.Changes.Single(c => c.Id == "cei");
        Assert.Equal(Trend.NotComparable, cei.Trend);
        Assert.Null(cei.Delta);
    }
}
