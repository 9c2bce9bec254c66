using CollabBot.Core.Storage;

namespace CollabBot.Tests.Core.Storage;

// The in-process memory of a SQLite host: exact about expiry, and it lets go of whole groups,
// so an hour of traffic is the most it ever holds.
public sealed class LocalSeenIdsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_key_is_seen_until_its_own_expiry_and_then_taken_afresh()
    {
        var seen = new LocalSeenIds(TimeSpan.FromMinutes(3));
        Assert.True(seen.Claim("slack-oauth-state|s1", T0, TimeSpan.FromMinutes(10)).First);
        Assert.False(seen.Claim("slack-oauth-state|s1", T0.AddMinutes(9), TimeSpan.FromMinutes(10)).First);
        Assert.True(seen.Claim("slack-oauth-state|s1", T0.AddMinutes(10), TimeSpan.FromMinutes(10)).First);
        Assert.False(seen.Claim("slack-oauth-state|s1", T0.AddMinutes(19), TimeSpan.FromMinutes(10)).First);
    }

    [Fact]
    public void An_answer_is_replayed_for_minutes_and_forgotten_with_its_key()
    {
        var seen = new LocalSeenIds(TimeSpan.FromMinutes(3));
        Assert.True(seen.Claim("teams-activity|c|1", T0, TimeSpan.FromHours(1)).First);
        seen.Answer("teams-activity|c|1", """{"statusCode":200,"value":"ü"}""", T0);
        Assert.Equal("""{"statusCode":200,"value":"ü"}""", seen.Claim("teams-activity|c|1", T0.AddMinutes(2), TimeSpan.FromHours(1)).EarlierResponse);
        var later = seen.Claim("teams-activity|c|1", T0.AddMinutes(3), TimeSpan.FromHours(1));
        Assert.Equal((false, (string?)null), (later.First, later.EarlierResponse));

        seen.Forget("teams-activity|c|1");
        Assert.True(seen.Claim("teams-activity|c|1", T0.AddMinutes(4), TimeSpan.FromHours(1)).First);
        Assert.Null(seen.Claim("teams-activity|c|1", T0.AddMinutes(4), TimeSpan.FromHours(1)).EarlierResponse);
    }

    [Fact]
    public void Once_the_window_has_passed_nothing_of_it_is_held()
    {
        var seen = new LocalSeenIds(TimeSpan.FromMinutes(3));
        for (var i = 0; i < 10_000; i++)
        {
            var at = T0.AddMilliseconds(i * 36);   // six minutes of traffic
            seen.Claim($"teams-activity|c|{i}", at, TimeSpan.FromHours(1));
            seen.Answer($"teams-activity|c|{i}", "{}", at);
        }
        // Every id is held; of the answers, the last three minutes' worth (and up to one 30 s slot more).
        Assert.Equal(10_000, seen.Count.Ids);
        Assert.InRange(seen.Count.Answers, 3 * 60 * 10_000 / 360, 3.5 * 60 * 10_000 / 360);

        // An hour and seven minutes on, every id has expired (the answers long before); an id's
        // group goes once the group's five-minute slot has passed.
        Assert.True(seen.Claim("teams-activity|c|0", T0.AddMinutes(67), TimeSpan.FromHours(1)).First);
        Assert.Equal(0, seen.Count.Answers);
        Assert.True(seen.Claim("teams-activity|c|last", T0.AddMinutes(71), TimeSpan.FromHours(1)).First);
        Assert.Equal((2, 0), seen.Count);
    }
}
