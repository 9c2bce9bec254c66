using CollabBot.Core.Scoring;
using static CollabBot.Tests.Core.Scoring.TeamDataBuilder;

namespace CollabBot.Tests.Core.Scoring;

// Each component against figures computed by hand (comments show the arithmetic).
public sealed class ComponentTests
{
    private static readonly DateOnly Nov1 = new(2026, 11, 1), Nov30 = new(2026, 11, 30);

    private static IReadOnlyDictionary<string, ComponentValue> Components(TeamData d, DateTimeOffset? asOf = null) =>
        WeekScore.Compute(d, W47, asOf ?? At(7, 0)).Components;

    private static double V(IReadOnlyDictionary<string, ComponentValue> c, string id) => c[id].Value!.Value;

    [Fact]
    public void Goal_components_use_active_goals_and_the_latest_check_in_of_the_week()
    {
        var d = new TeamDataBuilder().Members(4)
            .Goal("g1", "m1", 0, 100, Nov1, Nov30)            // 30-day period
            .Goal("g2", "m2", 0, 10, Nov1, Nov30)
            .Goal("g3", "m3", 0, 10, Nov1, new DateOnly(2026, 12, 31), teamGoal: "tg")
            .Goal("g4", "m4", 0, 10, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)) // not active in W47
            .CheckIn("g1", At(0, 0), 10, 5)                   // superseded by the later one
            .CheckIn("g1", At(3, 0), 30, 4)                   // expected 18/30 = 0.6, achieved 0.3 → 0.5
            .CheckIn("g2", At(0, 0), 6, 2, "legal review")    // expected 0.5, achieved 0.6 → clamp(1.2) = 1
            .CheckIn("g2", At(-2), 1, 1)                      // previous week: ignored
            .CheckIn("g4", At(1), 1, 1)                       // inactive goal: ignored
            .Build();
        var c = Components(d);
        Assert.Equal(200.0 / 3, V(c, "check-in-rate"), 9);    // owners m1, m2, m3; m1 and m2 checked in
        Assert.Equal(100 * Math.Sqrt(2.0 / 3 * (1.0 / 3) / 3), c["check-in-rate"].Se!.Value, 9);
        Assert.Equal(25 * ((5 + 4 + 2) / 3.0 - 1), V(c, "confidence"), 9);
        Assert.Equal(100 * (0.3 / 0.6 + 1) / 2, V(c, "pace"), 9);
        Assert.Equal(100.0 / 3, V(c, "linkage"), 9);
        Assert.Equal(100 * (1 - 1.0 / 3), V(c, "blocker-free"), 9);
    }

    [Fact]
    public void Handoff_components_use_the_week_when_three_or_more_were_rated()
    {
        var d = new TeamDataBuilder().Members(2)
            .Handoff("h1", "m1", "m2", At(1)).Handoff("h2", "m1", "m2", At(1))
            .Handoff("h3", "m1", "m2", At(1)).Handoff("h4", "m1", "m2", At(1))
            .Feedback("h1", 5, 6, At(1, 12)).Feedback("h2", 3, 3, At(1, 22)).Feedback("h3", 4, 6, At(2, 16))
            .Build();
        var c = Components(d);
        Assert.Equal(75, V(c, "handoff-quality"), 9);                       // mean 4
        Assert.Equal(100 * (1 + 0.5 + 1) / 3, V(c, "handoff-completeness"), 9);
        Assert.Equal(50, V(c, "handoff-speed"), 9);                         // median of 2, 12, 30 h = 12
        Assert.Equal(75, V(c, "handoff-rated-share"), 9);                   // 3 of 4
        Assert.Equal("week", Scorer.Score(d, W47).HandoffFeedbackWindow);
    }

    [Fact]
    public void Handoff_quality_falls_back_to_the_trailing_four_weeks()
    {
        var d = new TeamDataBuilder().Members(2)
            .Handoff("h1", "m1", "m2", At(1)).Feedback("h1", 2, 6, At(1, 12))
            .Handoff("h2", "m1", "m2", At(-14)).Feedback("h2", 4, 6, At(-14, 12))
            .Handoff("h3", "m1", "m2", At(-14)).Feedback("h3", 5, 6, At(-13))
            .Handoff("h4", "m1", "m2", At(-35)).Feedback("h4", 1, 0, At(-35, 12))  // W42: outside W44..W47
            .Build();
        var c = Components(d);
        Assert.Equal(25 * (11.0 / 3 - 1), V(c, "handoff-quality"), 9);
        Assert.Equal(3, c["handoff-quality"].N);
        Assert.Equal(100.0, V(c, "handoff-rated-share"), 9);                // h1–h3 all rated
        Assert.Equal("trailing-4-weeks", Scorer.Score(d, W47).HandoffFeedbackWindow);
    }

    [Fact]
    public void Recognition_counts_each_receiver_and_uses_the_gini_over_all_members()
    {
        var d = new TeamDataBuilder().Members(4)
            .Kudos("m1", At(2), "m2")
            .Kudos("m1", At(-12), "m2", "m3")
            .Kudos("m2", At(-33), "m1")                       // before W44: ignored
            .Build();
        var c = Components(d);
        Assert.Equal(50, V(c, "recognition-coverage"), 9);    // m2, m3 of 4
        Assert.Equal(25, V(c, "giving-breadth"), 9);          // m1 of 4
        // received [0, 2, 1, 0]: Σ|xi − xj| = 14, 2·n²·x̄ = 2·16·0.75 = 24
        Assert.Equal(100 * (1 - 14.0 / 24), V(c, "recognition-equality"), 9);
    }

    [Fact]
    public void Answer_speed_is_the_median_hours_to_answer()
    {
        var sent = At(2);
        var d = new TeamDataBuilder().Members(4).Round("r1", sent, 4)
            .Answer("r1", "a", sent.AddHours(1), ("role.a", 4)).Answer("r1", "b", sent.AddHours(3), ("role.a", 4))
            .Answer("r1", "c", sent.AddHours(10), ("role.a", 4)).Answer("r1", "d", sent.AddHours(30), ("role.a", 4))
            .Build();
        Assert.Equal(100 * (1 - 6.5 / 48), V(Components(d), "answer-speed"), 9);
    }

    [Fact]
    public void Late_answers_and_answers_after_the_week_ends_are_ignored_and_reversed_questions_flip()
    {
        var sent = At(6);                                     // Sunday 10:00; closes +72 h, but the week ends first
        var q = new QuestionInfo("role.b", "role", Reversed: true);
        var b = new TeamDataBuilder(k: 3).Members(5).Round("r1", sent, 5, q);
        b.Answer("r1", "a", sent.AddHours(1), ("role.b", 2))  // reversed: counts as 4
         .Answer("r1", "b", sent.AddHours(2), ("role.b", 2))
         .Answer("r1", "c", sent.AddHours(3), ("role.b", 2))
         .Answer("r1", "d", sent.AddHours(15), ("role.b", 5))  // after Monday 00:00: ignored
         .Answer("r1", "e", sent.AddHours(-1), ("role.b", 5)); // before it was sent: ignored
        var c = Components(b.Build(), At(9));
        Assert.Equal(75, V(c, "survey.role"), 9);
        Assert.Equal(3, c["survey.role"].N);
        Assert.Equal(60, V(c, "participation"), 9);
    }

    [Fact]
    public void Weeks_follow_the_team_time_zone()
    {
        // W47 in Asia/Shanghai starts Sun 15 Nov 16:00 UTC.
        var d = new TeamDataBuilder(zone: "Asia/Shanghai").Members(2)
            .Kudos("m1", new DateTimeOffset(2026, 11, 15, 17, 0, 0, TimeSpan.Zero), "m2")
            .Build();
        var shanghai = WeekScore.Compute(d, W47, new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 11, 15, 16, 0, 0, TimeSpan.Zero), shanghai.Inputs.Start);
        Assert.Equal(50, V(shanghai.Components, "recognition-coverage"), 9);
    }

    [Fact]
    public void Records_after_the_as_of_instant_are_ignored()
    {
        var d = new TeamDataBuilder().Members(2).Kudos("m1", At(4), "m2").Build();
        Assert.Equal(0, V(Components(d, At(3)), "recognition-coverage"));
        Assert.Equal(50, V(Components(d, At(4)), "recognition-coverage"));  // an instant equal to as-of counts
    }

    [Fact]
    public void Missing_is_never_zero()
    {
        var silent = Components(new TeamDataBuilder().Members(3).Build());
        foreach (var id in silent.Keys.Except(["recognition-coverage", "giving-breadth"]))
        {
            Assert.Equal(ComponentStatus.Missing, silent[id].Status);
            Assert.Null(silent[id].Value);
        }
        // Silence about recognition is data: nobody gave kudos scores 0, equality is missing.
        Assert.Equal(0, V(silent, "recognition-coverage"));
        Assert.Equal(0, V(silent, "giving-breadth"));

        var empty = Scorer.Score(new TeamDataBuilder().Build(), W47);
        Assert.Null(empty.Cei.Score);
        Assert.Equal(0, empty.Cei.Coverage);
        Assert.All(empty.Dimensions, dim => Assert.Null(dim.Score));
    }

    [Fact]
    public void Members_count_when_joined_before_the_end_and_not_left_before_the_start()
    {
        var joinedLate = new MemberInfo("late", "Late", "AE", false, At(7, 1), null);
        var leftEarly = new MemberInfo("gone", "Gone", "AE", false, At(-30), At(-1));
        var leftDuring = new MemberInfo("mid", "Mid", "AE", false, At(-30), At(3));
        var d = new TeamDataBuilder().Members(1).Member(joinedLate).Member(leftEarly).Member(leftDuring).Build();
        Assert.Equal(2, WeekScore.Compute(d, W47, At(7, 0)).Inputs.Members.Count);
    }
}
