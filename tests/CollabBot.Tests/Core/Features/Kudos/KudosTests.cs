using CollabBot.Core.Bot;
using CollabBot.Core.Features.Kudos;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Kudos;

public sealed class KudosTests
{
    private static Task<int> KudosCount(TestChat chat) => chat.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync());

    [Fact]
    public async Task A_rep_thanks_ana_the_channel_celebrates_and_the_sixth_kudos_of_the_day_is_refused()
    {
        await using var chat = await TestChat.InstallAsync();

        var reply = await chat.SayAsync("U-BEN", "kudos <@U-ANA> #teamwork great demo");
        Assert.Contains("Kudos sent to <@U-ANA>", ReplyText.Of(reply));
        var card = TestChat.CardOf((await chat.OutboxAsync()).Single(m => m.IdempotencyKey.StartsWith("kudos:", StringComparison.Ordinal)));
        Assert.Equal("kudos.celebration", card.Kind);
        Assert.Contains("<@U-BEN> recognised <@U-ANA>", ReplyText.Of(card));
        Assert.Contains("#teamwork", ReplyText.Of(card));
        var ana = await chat.MemberAsync("U-ANA");
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<KudosReceiver>().CountAsync(r => r.MemberId == ana.Id)));

        for (var i = 0; i < 4; i++) await chat.SayAsync("U-BEN", $"kudos <@U-CHLOE> thanks number {i}");
        Assert.Equal(5, await KudosCount(chat));
        Assert.Contains("daily limit", ReplyText.Of(await chat.SayAsync("U-BEN", "kudos <@U-DAN> one more")));
        Assert.Equal(5, await KudosCount(chat));

        chat.Db.Time.Advance(TimeSpan.FromDays(1));
        Assert.Contains("Kudos sent", ReplyText.Of(await chat.SayAsync("U-BEN", "kudos <@U-DAN> new day")));
    }

    [Fact]
    public async Task Kudos_to_several_people_counts_one_for_each()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-BEN", "kudos <@U-ANA> <@U-CHLOE|Chloe M> #ownership closed Contoso together");
        Assert.Equal(2, await chat.QueryAsync(db => db.Unscoped<KudosReceiver>().CountAsync()));
        Assert.Equal("ownership", (await chat.QueryAsync(db => db.Unscoped<KudosPost>().SingleAsync())).Value);
    }

    [Theory]
    [InlineData("kudos", "Usage")]
    [InlineData("kudos great demo", "Usage")]
    [InlineData("kudos <@U-ANA>", "Usage")]
    [InlineData("kudos <@U-ANA> #teamwork #learning great", "Usage")]
    [InlineData("kudos <@U-BEN> me myself", "yourself")]
    [InlineData("kudos <@U-ANA> #bravery great", "isn't one of this team's values")]
    [InlineData("kudos <@U-STRANGER> great", "isn't in this team")]
    public async Task Malformed_or_refused_kudos_save_nothing(string text, string expected)
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains(expected, ReplyText.Of(await chat.SayAsync("U-BEN", text)));
        Assert.Equal(0, await KudosCount(chat));
        Assert.DoesNotContain(await chat.OutboxAsync(), m => m.IdempotencyKey.StartsWith("kudos:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_longer_than_the_limit_is_refused()
    {
        await using var chat = await TestChat.InstallAsync();
        var reply = await chat.SayAsync("U-BEN", "kudos <@U-ANA> " + new string('x', KudosFeature.MaxMessage + 1));
        Assert.Contains("too long", ReplyText.Of(reply));
        Assert.Equal(0, await KudosCount(chat));
    }

    [Fact]
    public async Task Reply_is_private_to_the_giver()
    {
        await using var chat = await TestChat.InstallAsync();
        var reply = Assert.IsType<TextReply>(await chat.SayAsync("U-BEN", "kudos <@U-ANA> thanks"));
        Assert.True(reply.Ephemeral);
    }
}
