using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Goals;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Goals;

public sealed class GoalTests
{
    [Fact]
    public async Task A_rep_sets_a_goal_linked_to_the_team_goal_and_checks_in()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Only the team's managers", ReplyText.Of(await chat.SayAsync("U-ANA", "goal team Q4 bookings target 2000")));
        var team = ReplyText.Of(await chat.SayAsync("U-MAYA", "goal team Q4 bookings target 2000 by 2026-12-31"));
        var teamGoal = (await chat.QueryAsync(db => db.Unscoped<Goal>().SingleAsync())).Id;
        Assert.Contains($"g{teamGoal}", team);

        var added = ReplyText.Of(await chat.SayAsync("U-ANA", $"goal add Pipeline won target 600 by 2026-12-31 team-goal g{teamGoal}"));
        Assert.Contains("Pipeline won, target 600 by 2026-12-31", added);
        var goal = await chat.QueryAsync(db => db.Unscoped<Goal>().SingleAsync(g => !g.IsTeamGoal));
        Assert.Equal((teamGoal, 600.0, new DateOnly(2026, 11, 26)), (goal.ParentGoalId!.Value, goal.Target, goal.StartDate));

        Assert.Contains("Pipeline won", ReplyText.Of(await chat.SayAsync("U-ANA", "goal list")));
        Assert.Contains("now at 150 of 600", ReplyText.Of(await chat.SayAsync("U-ANA", $"goal update g{goal.Id} 150")));
        Assert.Contains("only update your own", ReplyText.Of(await chat.SayAsync("U-BEN", $"goal update g{goal.Id} 999")));

        var form = Assert.IsType<FormReply>(await chat.SayAsync("U-ANA", "checkin")).Form;
        Assert.Equal(150, form.Fields.OfType<NumberInput>().Single().Value);
        var errors = Assert.IsType<FormErrorsReply>(await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string> { [$"v{goal.Id}"] = "lots" }));
        Assert.Equal(2, errors.Errors.Count);
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<CheckIn>().CountAsync()));

        Assert.Contains("Check-in saved", ReplyText.Of(await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string>
        { [$"v{goal.Id}"] = "210", [$"c{goal.Id}"] = "2", [$"b{goal.Id}"] = "Legal review" })));
        var checkIn = await chat.QueryAsync(db => db.Unscoped<CheckIn>().SingleAsync());
        Assert.Equal((210.0, 2, "Legal review"), (checkIn.Value, checkIn.Confidence, checkIn.Blocker));
        Assert.Equal(210, (await chat.QueryAsync(db => db.Unscoped<Goal>().SingleAsync(g => g.Id == goal.Id))).CurrentValue);
    }

    [Fact]
    public async Task Checkin_without_goals_says_how_to_add_one()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("goal add", ReplyText.Of(await chat.SayAsync("U-DAN", "checkin")));
    }

    [Theory]
    [InlineData("goal")]
    [InlineData("goal add")]
    [InlineData("goal add Pipeline")]
    [InlineData("goal add target 100")]
    [InlineData("goal add Pipeline target lots")]
    [InlineData("goal add Pipeline target 100 by tomorrow")]
    [InlineData("goal add Pipeline target 100 by 2026-12-31 soon")]
    [InlineData("goal update g1")]
    [InlineData("goal update g1 much")]
    [InlineData("goal delete g1")]
    [InlineData("checkin now")]
    public async Task Malformed_goal_commands_get_usage_and_save_nothing(string text)
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Usage:", ReplyText.Of(await chat.SayAsync("U-ANA", text)));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<Goal>().CountAsync()));
    }

    [Fact]
    public async Task A_due_date_in_the_past_or_an_unknown_team_goal_is_refused()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("in the past", ReplyText.Of(await chat.SayAsync("U-ANA", "goal add Pipeline target 100 by 2020-01-01")));
        Assert.Contains("no goal g42", ReplyText.Of(await chat.SayAsync("U-ANA", "goal add Pipeline target 100 team-goal g42")));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<Goal>().CountAsync()));
    }
}
