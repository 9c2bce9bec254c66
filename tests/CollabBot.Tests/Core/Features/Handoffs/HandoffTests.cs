using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Handoffs;

public sealed class HandoffTests
{
    [Fact]
    public async Task The_receiver_rates_a_handoff_once_and_the_giver_hears_back_privately()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Handoff to <@U-ANA> recorded: Contoso", ReplyText.Of(await chat.SayAsync("U-BEN", "handoff <@U-ANA> Contoso: budget confirmed, demo Tuesday")));
        var handoff = await chat.QueryAsync(db => db.Unscoped<Handoff>().SingleAsync());
        Assert.Equal(("Contoso", "budget confirmed, demo Tuesday"), (handoff.Subject, handoff.Note));

        var dm = (await chat.OutboxAsync()).Single(m => m.IdempotencyKey == $"handoff:{handoff.Id}:received");
        Assert.Equal("U-ANA", dm.Target);
        var rate = TestChat.CardOf(dm).Body.OfType<ActionRow>().Single().Actions.Single();
        Assert.Equal(HandoffActions.Rate, rate.ActionId);

        Assert.Contains("Only the person who received", ReplyText.Of(await chat.ClickAsync("U-BEN", rate.ActionId, rate.Payload)));
        var form = Assert.IsType<FormReply>(await chat.ClickAsync("U-ANA", rate.ActionId, rate.Payload)).Form;
        Assert.IsType<FormErrorsReply>(await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string> { ["items"] = "budget" }));
        var thanks = await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string>
        { ["quality"] = "4", ["items"] = "budget,decision-maker,need,next-step", ["comment"] = "Timeline was missing" });
        Assert.Contains("sent to the sender", ReplyText.Of(thanks));

        var feedback = await chat.QueryAsync(db => db.Unscoped<HandoffFeedback>().SingleAsync());
        Assert.Equal((4, 4, 6), (feedback.Quality, feedback.ItemsPresent, feedback.ItemsTotal));
        Assert.Equal("Timeline agreed\nNotes in the CRM", feedback.MissingItems);
        var back = (await chat.OutboxAsync()).Single(m => m.IdempotencyKey == $"handoff:{handoff.Id}:feedback");
        Assert.Equal("U-BEN", back.Target);
        Assert.Contains("Timeline agreed", ReplyText.Of(TestChat.CardOf(back)));

        Assert.Contains("already been rated", ReplyText.Of(await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string> { ["quality"] = "1" })));
        Assert.Contains("already been rated", ReplyText.Of(await chat.ClickAsync("U-ANA", rate.ActionId, rate.Payload)));
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<HandoffFeedback>().CountAsync()));
    }

    [Fact]
    public async Task The_role_pair_comes_from_the_members_roles()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.QueryAsync(async db =>
        {
            foreach (var (user, role) in new[] { ("U-BEN", "SDR"), ("U-ANA", "AE") })
                (await db.Unscoped<CollabBot.Core.Storage.Member>().SingleAsync(m => m.PlatformUserId == user)).SalesRole = role;
            return await db.SaveChangesAsync();
        });
        await chat.SayAsync("U-BEN", "handoff <@U-ANA> Fabrikam");
        Assert.Equal("SDR>AE", (await chat.QueryAsync(db => db.Unscoped<Handoff>().SingleAsync())).RolePair);
    }

    [Theory]
    [InlineData("handoff", "Usage")]
    [InlineData("handoff Contoso", "Usage")]
    [InlineData("handoff <@U-ANA>", "Usage")]
    [InlineData("handoff <@U-ANA> <@U-DAN> Contoso", "Usage")]
    [InlineData("handoff <@U-BEN> Contoso", "not to yourself")]
    [InlineData("handoff <@U-NOBODY> Contoso", "isn't in this team")]
    public async Task Malformed_handoffs_save_nothing(string text, string expected)
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains(expected, ReplyText.Of(await chat.SayAsync("U-BEN", text)));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<Handoff>().CountAsync()));
    }
}
