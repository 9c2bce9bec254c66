using CollabBot.Core.Bot;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Digest;

// Installed on Thursday 2026-11-26 (week 48, UTC): no digest for week 47, a first digest for
// week 48 that says when week 49 will be posted, and a bare `digest` that shows the week under way.
public sealed class FirstWeekTests
{
    private static async Task<(TestChat Chat, long Team, DigestJobs Jobs)> InstalledMidWeekAsync()
    {
        var chat = await TestChat.InstallAsync();
        var team = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        return (chat, team, chat.Db.Services.GetRequiredService<DigestJobs>());
    }

    [Fact]
    public async Task No_digest_is_made_or_posted_for_the_week_before_the_team_existed()
    {
        var (chat, team, jobs) = await InstalledMidWeekAsync();
        await using var _ = chat;
        var before = (await chat.OutboxAsync()).Count;
        Assert.Null(await jobs.WeeklyAsync(team, TestContext.Current.CancellationToken));   // scores week 47: before the install
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<DigestSnapshot>().CountAsync()));
        Assert.Equal(before, (await chat.OutboxAsync()).Count);
    }

    [Fact]
    public async Task The_first_digest_covers_the_partial_week_and_says_when_the_first_full_week_is_posted()
    {
        var (chat, team, jobs) = await InstalledMidWeekAsync();
        await using var _ = chat;
        await chat.SayAsync("U-ANA", "kudos <@U-BEN> thanks for the intro");
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));   // Monday of week 49
        var before = (await chat.OutboxAsync()).Count;
        Assert.NotNull(await jobs.WeeklyAsync(team, TestContext.Current.CancellationToken));
        var posted = (await chat.OutboxAsync()).Skip(before).ToList();
        Assert.NotEmpty(posted);
        Assert.All(posted, m => Assert.Contains("The first full week, 2026-W49, will be scored and posted Monday 2026-12-07 09:00", ReplyText.Of(TestChat.CardOf(m))));

        // The next week is a full one: no such note.
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        before = (await chat.OutboxAsync()).Count;
        Assert.NotNull(await jobs.WeeklyAsync(team, TestContext.Current.CancellationToken));
        Assert.All((await chat.OutboxAsync()).Skip(before), m => Assert.DoesNotContain("first full week", ReplyText.Of(TestChat.CardOf(m))));
    }

    [Fact]
    public async Task A_bare_digest_shows_last_weeks_stored_digest_until_this_week_has_data_then_the_week_to_date()
    {
        var (chat, team, jobs) = await InstalledMidWeekAsync();
        await using var _ = chat;
        await chat.SayAsync("U-ANA", "kudos <@U-BEN> thanks for the intro");
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await jobs.WeeklyAsync(team, TestContext.Current.CancellationToken);

        var monday = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest"));
        Assert.Contains("2026-W48", monday);                                // the digest just posted
        Assert.DoesNotContain("Week to date", monday);

        await chat.SayAsync("U-BEN", "kudos <@U-ANA> great call");          // this week has data now
        var later = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest"));
        Assert.Contains("2026-W49", later);
        Assert.Contains("Week to date", later);
        Assert.Contains("2026-W48", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest last")));
    }

    [Fact]
    public async Task A_bare_digest_never_shows_a_stored_week_older_than_last_week()
    {
        var (chat, team, jobs) = await InstalledMidWeekAsync();
        await using var _ = chat;
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await jobs.WeeklyAsync(team, TestContext.Current.CancellationToken);  // week 48 stored
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));   // Tuesday of week 50, week 49 never scored
        var text = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest"));
        Assert.Contains("2026-W50", text);
        Assert.Contains("Week to date", text);
    }
}
