using CollabBot.Tests.Support;

namespace CollabBot.Tests.Teams;

public sealed class BotFrameworkKeyCacheTests
{
    [Fact]
    public async Task Keys_are_fetched_once_and_reused()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        for (var i = 0; i < 5; i++) Assert.True((await h.ValidateAsync(h.Bearer())).Ok);
        Assert.Equal((1, 1), h.Fetches);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_fetch()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => h.ValidateAsync(h.Bearer()))));
        Assert.All(results, r => Assert.True(r.Ok, r.Failure));
        Assert.Equal((1, 1), h.Fetches);
    }

    [Fact]
    public async Task A_rotated_in_key_is_picked_up_by_one_refetch_on_its_first_token()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        Assert.True((await h.ValidateAsync(h.Bearer())).Ok);

        var kid = h.Identity.RotateKey();
        Assert.NotEqual(FakeBotFrameworkIdentity.TeamsKid, kid);
        var result = await h.ValidateAsync(h.Bearer(kid: kid));

        Assert.True(result.Ok, result.Failure);
        Assert.Equal((2, 2), h.Fetches);
        Assert.True((await h.ValidateAsync(h.Bearer(kid: kid))).Ok);
        Assert.True((await h.ValidateAsync(h.Bearer(kid: FakeBotFrameworkIdentity.TeamsKid))).Ok);
        Assert.Equal((2, 2), h.Fetches);
    }

    [Fact]
    public async Task Unknown_kids_refetch_at_most_once_per_five_minutes()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        Assert.True((await h.ValidateAsync(h.Bearer())).Ok);

        Assert.Equal("unknown signing key", (await h.ValidateAsync(h.Bearer(kid: "junk-1"))).Failure);
        Assert.Equal((2, 2), h.Fetches);
        for (var i = 2; i < 10; i++) Assert.Equal("unknown signing key", (await h.ValidateAsync(h.Bearer(kid: $"junk-{i}"))).Failure);
        Assert.Equal((2, 2), h.Fetches);

        // A real rotation inside the window waits for it to end.
        var kid = h.Identity.RotateKey();
        h.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("unknown signing key", (await h.ValidateAsync(h.Bearer(kid: kid))).Failure);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await h.ValidateAsync(h.Bearer(kid: kid))).Ok);
        Assert.Equal((3, 3), h.Fetches);
    }

    [Fact]
    public async Task An_unknown_kid_on_a_cold_cache_is_answered_by_the_first_load()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        Assert.Equal("unknown signing key", (await h.ValidateAsync(h.Bearer(kid: "junk"))).Failure);
        Assert.Equal((1, 1), h.Fetches);
        Assert.True((await h.ValidateAsync(h.Bearer())).Ok);
        Assert.Equal((1, 1), h.Fetches);
    }

    [Fact]
    public async Task Keys_a_day_old_are_refetched_and_a_retired_key_stops_working()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        Assert.True((await h.ValidateAsync(h.Bearer())).Ok);
        h.Identity.RotateKey(retireOld: true);

        h.Time.Advance(TimeSpan.FromHours(23));
        Assert.True((await h.ValidateAsync(h.Bearer(kid: FakeBotFrameworkIdentity.TeamsKid))).Ok);
        Assert.Equal((1, 1), h.Fetches);

        h.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("unknown signing key", (await h.ValidateAsync(h.Bearer(kid: FakeBotFrameworkIdentity.TeamsKid))).Failure);
        Assert.Equal((2, 2), h.Fetches);
    }

    [Fact]
    public async Task An_unreachable_key_service_fails_closed_and_is_retried_after_a_back_off()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        h.Identity.Down = true;
        Assert.Equal("signing keys unavailable", (await h.ValidateAsync(h.Bearer())).Failure);
        Assert.Equal("signing keys unavailable", (await h.ValidateAsync(h.Bearer())).Failure);
        Assert.Equal((1, 0), h.Fetches);

        h.Identity.Down = false;
        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("signing keys unavailable", (await h.ValidateAsync(h.Bearer())).Failure);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await h.ValidateAsync(h.Bearer())).Ok);
        Assert.Equal((2, 1), h.Fetches);
    }

    [Fact]
    public async Task Known_keys_keep_working_while_the_key_service_is_down()
    {
        await using var h = await BotFrameworkAuthHarness.StartAsync();
        Assert.True((await h.ValidateAsync(h.Bearer())).Ok);
        h.Identity.Down = true;
        h.Time.Advance(TimeSpan.FromHours(25));
        Assert.True((await h.ValidateAsync(h.Bearer())).Ok);
        Assert.Equal((2, 1), h.Fetches);
    }
}
