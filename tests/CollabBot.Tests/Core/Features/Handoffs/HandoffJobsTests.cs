using CollabBot.Core.Cards;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Handoffs;

public sealed class HandoffJobsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unrated_handoff_gets_one_reminder_a_day_later_and_a_rated_one_none(string provider)
    {
        await using var chat = await TestChat.InstallAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        await chat.SayAsync("U-BEN", "handoff <@U-ANA> Contoso: budget confirmed");
        await chat.SayAsync("U-CHLOE", "handoff <@U-DAN> Fabrikam");
        var handoffs = await chat.QueryAsync(db => db.Unscoped<Handoff>().OrderBy(h => h.Id).ToListAsync());
        var rate = TestChat.CardOf((await chat.OutboxAsync()).Single(m => m.IdempotencyKey == $"handoff:{handoffs[1].Id}:received"))
            .Body.OfType<ActionRow>().Single().Actions.Single();
        var form = ((CollabBot.Core.Bot.FormReply)await chat.ClickAsync("U-DAN", rate.ActionId, rate.Payload)).Form;
        await chat.SubmitFormAsync("U-DAN", form, new Dictionary<string, string> { ["quality"] = "5", ["items"] = "budget" });
        var team = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        var jobs = chat.Db.Services.GetRequiredService<HandoffJobs>();

        chat.Db.Time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await jobs.RemindUnratedAsync(team, ct));
        chat.Db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await jobs.RemindUnratedAsync(team, ct));
        var reminder = (await chat.OutboxAsync()).Single(m => m.IdempotencyKey.EndsWith(":remind", StringComparison.Ordinal));
        Assert.Equal((HandoffJobs.ReminderKey(handoffs[0].Id), "U-ANA"), (reminder.IdempotencyKey, reminder.Target));
        var card = TestChat.CardOf(reminder);
        Assert.Equal("handoff.reminder", card.Kind);
        Assert.Contains("Ben handed you Contoso", ReplyText.Of(card));
        Assert.Equal(HandoffActions.Rate, card.Body.OfType<ActionRow>().Single().Actions.Single().ActionId);

        chat.Db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await jobs.RemindUnratedAsync(team, ct));
        Assert.Single(await chat.OutboxAsync(), m => m.IdempotencyKey.EndsWith(":remind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handoffs_older_than_a_week_are_not_chased()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-BEN", "handoff <@U-ANA> Contoso");
        var team = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        chat.Db.Time.Advance(TimeSpan.FromDays(8));                     // the host was down all week
        Assert.Equal(0, await chat.Db.Services.GetRequiredService<HandoffJobs>().RemindUnratedAsync(team, TestContext.Current.CancellationToken));
    }
}
