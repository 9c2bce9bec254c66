using CollabBot.Core.Scoring;
using CollabBot.Host.Cli;

namespace CollabBot.Tests.Host.Cli;

// `link digest …`: arguments are checked before anything starts (the end-to-end run of the
// verb against a host is tests/scripts/digest-page-browser.sh).
public sealed class LinkVerbTests
{
    private static LinkVerb.Request Parse(params string[] args) => LinkVerb.Parse(new CliArgs(["link", .. args[1..]]), args[0]);

    [Fact]
    public void A_team_a_week_and_an_optional_expiry_are_read()
    {
        Assert.Equal(new LinkVerb.Request(3, new IsoWeek(2026, 47), null), Parse("digest", "--team", "t3", "--week", "2026-W47"));
        Assert.Equal(new LinkVerb.Request(3, new IsoWeek(2026, 47), new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Parse("digest", "--team", "3", "--week", "2026-w47", "--expires", "2020-01-01T00:00:00Z"));
    }

    [Theory]
    [InlineData("", "--team", "t1", "--week", "2026-W47")]
    [InlineData("page", "--team", "t1", "--week", "2026-W47")]
    [InlineData("digest", "--week", "2026-W47")]
    [InlineData("digest", "--team", "x1", "--week", "2026-W47")]
    [InlineData("digest", "--team", "t-1", "--week", "2026-W47")]
    [InlineData("digest", "--team", "t1")]
    [InlineData("digest", "--team", "t1", "--week", "2026-W60")]
    [InlineData("digest", "--team", "t1", "--week", "2026-W47", "--expires", "soon")]
    [InlineData("digest", "--team", "t1", "--week", "2026-W47", "--days", "3")]
    public void Bad_input_is_a_usage_error(params string[] args) => Assert.Throws<UsageException>(() => Parse(args));

    [Fact]
    public async Task The_verb_exits_2_on_bad_input_before_touching_a_database() =>
        Assert.Equal(2, await CliVerbs.RunAsync(["link", "digest", "--team", "nope", "--week", "2026-W47"]));
}
