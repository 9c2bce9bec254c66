using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Digest;

public sealed class DigestJobsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_weekly_digest_scores_the_week_just_ended_in_the_teams_zone_and_posts_it_once(string provider)
    {
        await using var chat = await TestChat.InstallAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        await chat.SayAsync("U-MAYA", "settings timezone Asia/Shanghai");
        await chat.SayAsync("U-MAYA", "role <@U-BEN> manager");
        await chat.SayAsync("U-ANA", "kudos <@U-BEN> #teamwork great demo");
        var team = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        var jobs = chat.Db.Services.GetRequiredService<DigestJobs>();

        // Sunday 17:00 UTC is Monday 01:00 in Shanghai: week 48 is over there, not in UTC.
        chat.Db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.Zero));
        var before = (await chat.OutboxAsync()).Count;
        var id = await jobs.WeeklyAsync(team, ct);
        var snapshot = await chat.QueryAsync(db => db.Unscoped<DigestSnapshot>().SingleAsync());
        Assert.Equal((snapshot.Id, "2026-W48"), (id!.Value, snapshot.Week));

        var posted = (await chat.OutboxAsync()).Skip(before).ToList();
        var channel = Assert.Single(posted, m => m.TargetKind == OutboxTarget.Channel);
        Assert.Equal((DigestJobs.ChannelKey(snapshot.Id), TestChat.Channel), (channel.IdempotencyKey, channel.Target));
        Assert.Equal("digest.channel", TestChat.CardOf(channel).Kind);
        var dms = posted.Where(m => m.TargetKind == OutboxTarget.Member).ToList();
        Assert.Equal(["U-BEN", "U-MAYA"], dms.Select(m => m.Target).Order());
        Assert.All(dms, m => Assert.Equal("digest.manager", TestChat.CardOf(m).Kind));
        Assert.All(dms, m => Assert.StartsWith($"digest:{snapshot.Id}:manager:", m.IdempotencyKey));

        chat.Db.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(id, await jobs.WeeklyAsync(team, ct));
        Assert.Equal(before + 3, (await chat.OutboxAsync()).Count);
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<DigestSnapshot>().CountAsync()));
    }
}
