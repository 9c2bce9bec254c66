using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Pulse;

// The channel card's "n of N answered": a refresh is drawn when it is sent, so one waiting
// refresh covers every answer until it is claimed.
public sealed class AnswerCountersTests
{
    private static async Task AnswerAsync(TestChat chat, string user, string round)
    {
        var form = Assert.IsType<FormReply>(await chat.ClickAsync(user, PulseActions.Open, new Dictionary<string, string> { ["r"] = round })).Form;
        Assert.Contains("anonymously", ReplyText.Of(await chat.SubmitFormAsync(user, form, PulseTests.AllAnswered(form, 4))));
    }

    private static async Task<List<OutboxMessage>> RefreshesAsync(TestChat chat) =>
        (await chat.OutboxAsync()).Where(m => m.Kind == Outbox.Refresh).ToList();

    private static Task<int> SetStatusAsync(TestChat chat, long id, OutboxStatus status) =>
        chat.QueryAsync(db => db.Unscoped<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status)));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_waiting_refresh_covers_later_answers_and_one_claimed_or_sent_is_followed_by_a_new_one(string provider)
    {
        var (chat, round) = await PulseTests.StartedAsync(provider);
        await using var _ = chat;

        await AnswerAsync(chat, "U-ANA", round);
        var first = Assert.Single(await RefreshesAsync(chat));
        Assert.StartsWith($"pulse:{round}:refresh:", first.IdempotencyKey);
        Assert.Equal(PulseRounds.CardKey(long.Parse(round, CultureInfo.InvariantCulture)), first.UpdatesKey);
        Assert.Equal(OutboxTarget.Channel, first.TargetKind);
        Assert.Equal(TestChat.Channel, first.Target);

        // Still waiting: nothing new is queued, and the one row now draws both answers.
        await AnswerAsync(chat, "U-BEN", round);
        Assert.Equal(first.Id, Assert.Single(await RefreshesAsync(chat)).Id);
        Assert.Contains("2 of 5 answered", ReplyText.Of(await chat.DrawAsync(first)));

        // Claimed for sending: its card may be drawn already, so the next answer gets a row of its own.
        await SetStatusAsync(chat, first.Id, OutboxStatus.Sending);
        await AnswerAsync(chat, "U-CHLOE", round);
        var second = (await RefreshesAsync(chat)).Single(m => m.Id != first.Id);
        Assert.Contains("3 of 5 answered", ReplyText.Of(await chat.DrawAsync(second)));

        // Sent: the same.
        await SetStatusAsync(chat, first.Id, OutboxStatus.Sent);
        await SetStatusAsync(chat, second.Id, OutboxStatus.Sent);
        await AnswerAsync(chat, "U-DAN", round);
        var third = (await RefreshesAsync(chat)).Single(m => m.Id != first.Id && m.Id != second.Id);
        Assert.Contains("4 of 5 answered", ReplyText.Of(await chat.DrawAsync(third)));
    }

    [Fact]
    public async Task A_refresh_drawn_after_the_close_shows_the_closed_card()
    {
        var (chat, round) = await PulseTests.StartedAsync();
        await using var _ = chat;
        await AnswerAsync(chat, "U-ANA", round);
        var refresh = Assert.Single(await RefreshesAsync(chat));
        await chat.QueryAsync(db => db.Unscoped<PulseRound>().Where(r => r.Id == long.Parse(round, CultureInfo.InvariantCulture))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, r => r.SentAt)));

        var drawn = await chat.DrawAsync(refresh);
        Assert.Contains("This pulse is closed.", ReplyText.Of(drawn));
        Assert.Contains("1 of 5 answered", ReplyText.Of(drawn));
        Assert.Empty(drawn.Body.OfType<ActionRow>());
    }
}
