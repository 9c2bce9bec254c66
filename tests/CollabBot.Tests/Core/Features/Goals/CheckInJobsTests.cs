using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Goals;

public sealed class CheckInJobsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Owners_of_running_goals_who_have_not_checked_in_get_one_prompt_a_week(string provider)
    {
        await using var chat = await TestChat.InstallAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        await chat.SayAsync("U-MAYA", "settings timezone Asia/Shanghai");
        await chat.SayAsync("U-ANA", "goal add Meetings booked target 40");
        await chat.SayAsync("U-ANA", "goal add Pipeline target 600");
        await chat.SayAsync("U-BEN", "goal add Demos target 10");
        await chat.SayAsync("U-DAN", "goal add Calls target 100");
        var dansForm = Assert.IsType<FormReply>(await chat.SayAsync("U-DAN", "checkin")).Form;
        var dansGoal = await chat.QueryAsync(db => db.Unscoped<Goal>().Where(g => g.Title == "Calls").Select(g => g.Id).SingleAsync());
        await chat.SubmitFormAsync("U-DAN", dansForm, new Dictionary<string, string> { [$"v{dansGoal}"] = "12", [$"c{dansGoal}"] = "4" });
        var team = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        var jobs = chat.Db.Services.GetRequiredService<CheckInJobs>();

        Assert.Equal(2, await jobs.PromptAsync(team, ct));              // Ana and Ben; Dan already checked in, Chloe has no goal
        var ana = await chat.MemberAsync("U-ANA");
        var prompts = (await chat.OutboxAsync()).Where(m => m.IdempotencyKey.StartsWith("checkin:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["U-ANA", "U-BEN"], prompts.Select(p => p.Target).Order());
        var toAna = prompts.Single(p => p.Target == "U-ANA");
        Assert.Equal((CheckInJobs.PromptKey(ana.Id, new IsoWeek(2026, 48)), OutboxTarget.Member), (toAna.IdempotencyKey, toAna.TargetKind));
        var card = TestChat.CardOf(toAna);
        Assert.Equal("checkin.prompt", card.Kind);
        Assert.Contains("your 2 goals", ReplyText.Of(card));

        // The button opens the check-in form for the goals' team.
        var button = card.Body.OfType<ActionRow>().Single().Actions.Single();
        var form = Assert.IsType<FormReply>(await chat.ClickAsync("U-ANA", button.ActionId, button.Payload)).Form;
        Assert.Equal(GoalActions.CheckInSubmit, form.CallbackId);

        var count = (await chat.OutboxAsync()).Count;
        await jobs.PromptAsync(team, ct);                               // a re-run in the same week
        Assert.Equal(count, (await chat.OutboxAsync()).Count);

        chat.Db.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(3, await jobs.PromptAsync(team, ct));              // a new week: Dan too
    }
}
