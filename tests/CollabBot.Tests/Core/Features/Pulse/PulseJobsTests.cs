using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Pulse;

// The pulse's scheduled jobs, called as Hangfire would call them, on a real database and a fake clock.
public sealed class PulseJobsTests
{
    private static readonly DateTimeOffset FridayUtc1500 = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestChat Chat, long Team, PulseJobs Jobs)> TeamAsync(string provider = "sqlite", string? zone = null)
    {
        var chat = await TestChat.InstallAsync(provider);
        if (zone is not null) await chat.SayAsync("U-MAYA", $"settings timezone {zone}");
        var team = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        return (chat, team, chat.Db.Services.GetRequiredService<PulseJobs>());
    }

    private static Task<PulseRound> RoundAsync(TestChat chat) => chat.QueryAsync(db => db.Unscoped<PulseRound>().SingleAsync());

    private static async Task AnswerAsync(TestChat chat, string user, long round)
    {
        var form = Assert.IsType<FormReply>(await chat.ClickAsync(user, PulseActions.Open, new Dictionary<string, string> { [PulseActions.Round] = round.ToString(CultureInfo.InvariantCulture) })).Form;
        Assert.Contains("Thanks", ReplyText.Of(await chat.SubmitFormAsync(user, form, form.Fields.OfType<LikertInput>().ToDictionary(q => q.Id, _ => "4"))));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_weekly_send_starts_one_round_in_the_teams_week_and_a_second_run_changes_nothing(string provider)
    {
        var (chat, team, jobs) = await TeamAsync(provider, "Asia/Shanghai");
        await using var _ = chat;
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero));   // Friday 15:00 in Shanghai
        Assert.Equal(PulseSendResult.Started, await jobs.SendAsync(team, Ct));
        var round = await RoundAsync(chat);
        Assert.Equal("2026-W48", round.Week);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero), round.ClosesAt);   // the week ends Monday 00:00 Shanghai
        var outbox = await chat.OutboxAsync();
        var card = Assert.Single(outbox, m => m.IdempotencyKey == PulseRounds.CardKey(round.Id));
        Assert.Equal((OutboxTarget.Channel, TestChat.Channel), (card.TargetKind, card.Target));
        Assert.Contains("Mon 2026-11-30 00:00", ReplyText.Of(TestChat.CardOf(card)));

        chat.Db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(PulseSendResult.AlreadySent, await jobs.SendAsync(team, Ct));
        Assert.Equal(outbox.Count, (await chat.OutboxAsync()).Count);
    }

    // Two hosts: the weekly job on one, managers typing `pulse now` on the other, all at once.
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Starts_racing_each_other_open_one_round_with_one_card(string provider)
    {
        var (chat, team, jobs) = await TeamAsync(provider);
        await using var _ = chat;
        chat.Db.Time.SetUtcNow(FridayUtc1500);
        var starts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            i % 2 == 0 ? (object)await jobs.SendAsync(team, Ct) : ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse now"))));
        var results = await Task.WhenAll(starts);

        var round = await RoundAsync(chat);   // Single: exactly one round
        Assert.Single(await chat.OutboxAsync(), m => m.IdempotencyKey == PulseRounds.CardKey(round.Id));
        Assert.Equal(5, await chat.QueryAsync(db => db.Unscoped<PulseParticipation>().CountAsync()));
        Assert.Single(results, r => r is PulseSendResult.Started || r is string s && s.Contains("Pulse posted in"));
    }

    [Fact]
    public async Task A_round_started_by_hand_earlier_in_the_week_stands_for_the_weekly_one()
    {
        var (chat, team, jobs) = await TeamAsync();
        await using var _ = chat;
        await chat.SayAsync("U-MAYA", "pulse now");                    // Thursday
        chat.Db.Time.SetUtcNow(FridayUtc1500);
        Assert.Equal(PulseSendResult.AlreadySent, await jobs.SendAsync(team, Ct));
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<PulseRound>().CountAsync()));
    }

    [Fact]
    public async Task A_team_in_New_York_keeps_its_local_week_across_the_DST_change()
    {
        var (chat, team, jobs) = await TeamAsync(zone: "America/New_York");
        await using var _ = chat;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2027, 3, 12, 20, 0, 0, TimeSpan.Zero));   // Friday 15:00 EST; clocks go forward on the 14th
        Assert.Equal(PulseSendResult.Started, await jobs.SendAsync(team, Ct));
        var first = await RoundAsync(chat);
        Assert.Equal("2027-W10", first.Week);
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 4, 0, 0, TimeSpan.Zero), first.ClosesAt);   // Monday 00:00 EDT: 71 h later, not 72

        chat.Db.Time.SetUtcNow(new DateTimeOffset(2027, 3, 19, 19, 0, 0, TimeSpan.Zero));   // the next Friday 15:00, now EDT
        Assert.Equal(PulseSendResult.Started, await jobs.SendAsync(team, Ct));
        var second = await chat.QueryAsync(db => db.Unscoped<PulseRound>().OrderBy(r => r.Id).LastAsync());
        Assert.Equal(("2027-W11", new TimeOnly(15, 0)), (second.Week, TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(second.SentAt, zone).DateTime)));
        Assert.Contains("Mon 2027-03-22 00:00", ReplyText.Of(TestChat.CardOf((await chat.OutboxAsync()).Last(m => m.IdempotencyKey.EndsWith(":card", StringComparison.Ordinal)))));
    }

    [Fact]
    public async Task A_paused_team_gets_no_weekly_pulse_until_the_date_and_bad_input_gets_the_usage()
    {
        var (chat, team, jobs) = await TeamAsync();
        await using var _ = chat;
        foreach (var bad in new[] { "pulse pause", "pulse pause soon", "pulse pause -1", "pulse pause 27", "pulse pause 2 weeks" })
            Assert.Contains("Usage: pulse now", ReplyText.Of(await chat.SayAsync("U-MAYA", bad)));
        Assert.Contains("Only the team's managers", ReplyText.Of(await chat.SayAsync("U-ANA", "pulse pause 1")));
        Assert.Contains("until 2026-12-10", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse pause 2")));   // Thursday + 14 days

        chat.Db.Time.SetUtcNow(FridayUtc1500);
        Assert.Equal(PulseSendResult.Paused, await jobs.SendAsync(team, Ct));
        chat.Db.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(PulseSendResult.Paused, await jobs.SendAsync(team, Ct));
        Assert.StartsWith("setup:", Assert.Single(await chat.OutboxAsync()).IdempotencyKey);   // the install's checklist, no pulse
        chat.Db.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(PulseSendResult.Started, await jobs.SendAsync(team, Ct));

        Assert.Contains("back on", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse pause 0")));
        Assert.Null(await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.PulsePausedUntil).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_reminder_goes_once_and_only_to_those_who_have_not_answered(string provider)
    {
        var (chat, team, jobs) = await TeamAsync(provider);
        await using var _ = chat;
        Assert.Equal(0, await jobs.RemindAsync(team, Ct));              // no round yet
        chat.Db.Time.SetUtcNow(FridayUtc1500);
        await jobs.SendAsync(team, Ct);
        var round = await RoundAsync(chat);
        await AnswerAsync(chat, "U-ANA", round.Id);

        chat.Db.Time.Advance(TimeSpan.FromHours(20));                  // Saturday 11:00
        Assert.Equal(4, await jobs.RemindAsync(team, Ct));
        var reminders = (await chat.OutboxAsync()).Where(m => m.IdempotencyKey.Contains(":remind:")).ToList();
        Assert.Equal(["U-BEN", "U-CHLOE", "U-DAN", "U-MAYA"], reminders.Select(m => m.Target).Order());
        Assert.All(reminders, m => Assert.Equal(OutboxTarget.Member, m.TargetKind));
        var card = TestChat.CardOf(reminders[0]);
        Assert.Equal("pulse.reminder", card.Kind);
        var button = card.Body.OfType<ActionRow>().Single().Actions.Single();
        Assert.Equal(PulseActions.Open, button.ActionId);
        Assert.Equal(round.Id.ToString(CultureInfo.InvariantCulture), button.Payload![PulseActions.Round]);

        Assert.Equal(0, await jobs.RemindAsync(team, Ct));
        await AnswerAsync(chat, "U-BEN", round.Id);
        chat.Db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await jobs.RemindAsync(team, Ct));
        Assert.Equal(4, (await chat.OutboxAsync()).Count(m => m.IdempotencyKey.Contains(":remind:")));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Closing_closes_the_round_and_puts_the_channel_card_in_its_closed_state_once(string provider)
    {
        var (chat, team, jobs) = await TeamAsync(provider);
        await using var _ = chat;
        chat.Db.Time.SetUtcNow(FridayUtc1500);
        await jobs.SendAsync(team, Ct);
        var round = await RoundAsync(chat);
        await AnswerAsync(chat, "U-ANA", round.Id);
        chat.Db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await jobs.CloseAsync(team, Ct));              // not due yet

        chat.Db.Time.SetUtcNow(FridayUtc1500.AddHours(72));            // Monday 15:00, the close job's time
        Assert.Equal(1, await jobs.CloseAsync(team, Ct));
        round = await RoundAsync(chat);
        Assert.Equal(round.ClosesAt, round.ClosedAt);                  // it had run out at the week's end
        var updates = (await chat.OutboxAsync()).Where(m => m.UpdatesKey == PulseRounds.CardKey(round.Id)).ToList();
        var closed = updates[^1];                                      // the newest update wins
        Assert.Equal(PulseJobs.ClosedKey(round.Id), closed.IdempotencyKey);
        var text = ReplyText.Of(TestChat.CardOf(closed));
        Assert.Contains("This pulse is closed.", text);
        Assert.Contains("1 of 5 answered", text);
        Assert.Empty(TestChat.CardOf(closed).Body.OfType<ActionRow>());

        var count = (await chat.OutboxAsync()).Count;
        Assert.Equal(0, await jobs.CloseAsync(team, Ct));
        Assert.Equal(count, (await chat.OutboxAsync()).Count);
    }

    [Fact]
    public async Task A_round_due_seconds_after_the_close_job_runs_is_closed_by_it()
    {
        var (chat, team, jobs) = await TeamAsync();
        await using var _ = chat;
        await chat.QueryAsync(db => db.Unscoped<Team>().ExecuteUpdateAsync(s => s.SetProperty(t => t.CloseAfterHours, 24)));
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 15, 0, 7, TimeSpan.Zero));   // Tuesday: the send ran 7 s late
        await jobs.SendAsync(team, Ct);
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));   // the close job, on time
        Assert.Equal(1, await jobs.CloseAsync(team, Ct));
        var round = await RoundAsync(chat);
        Assert.Equal(chat.Db.Time.GetUtcNow(), round.ClosedAt);
        Assert.Contains("This pulse is closed.", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse status")));
    }
}
