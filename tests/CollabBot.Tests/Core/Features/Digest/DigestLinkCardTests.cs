using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Digest;

// The chart and the page link on digest cards: the chart (team aggregates) in every view,
// the page (names people) only for managers, and neither for a week that is not stored.
public sealed class DigestLinkCardTests
{
    private static readonly DigestLinks Links = new FixedDigestLinks("https://bot.test").For(7, "2026-W47");

    [Fact]
    public void The_manager_card_shows_the_chart_and_a_button_to_the_page()
    {
        var card = DigestCards.Digest(Texts.For("en"), SampleSnapshots.Make("2026-W47", 70), managerView: true, explain: false, weekToDate: false, Links);
        var image = card.Body.OfType<ImageElement>().Single();
        Assert.Equal(Links.ChartUrl, image.Url);
        Assert.Contains("2026-W40 to 2026-W47", image.AltText);
        var button = card.Body.OfType<ActionRow>().Single().Actions.Single();
        Assert.Equal((DigestCards.OpenAction, "View full digest", Links.PageUrl), (button.ActionId, button.Title, button.Url));
    }

    [Fact]
    public void The_channel_card_shows_the_chart_but_never_the_page_link()
    {
        var card = DigestCards.Digest(Texts.For("zh-Hans"), SampleSnapshots.Make("2026-W47", 70), managerView: false, explain: false, weekToDate: false, Links);
        Assert.Single(card.Body.OfType<ImageElement>());
        Assert.Empty(card.Body.OfType<ActionRow>());
        Assert.DoesNotContain(Links.PageUrl + "\"", CollabJson.Serialize(card));
    }

    [Fact]
    public void Without_links_the_card_is_as_before()
    {
        var card = DigestCards.Digest(Texts.For("en"), SampleSnapshots.Make("2026-W47", 70), managerView: true, explain: true, weekToDate: false);
        Assert.Empty(card.Body.OfType<ImageElement>());
        Assert.Empty(card.Body.OfType<ActionRow>());
    }

    [Fact]
    public async Task The_digest_command_links_a_stored_week_for_the_manager_and_only_the_chart_for_a_rep()
    {
        var links = new RecordingLinks();
        await using var db = await TestDatabase.CreateAsync("sqlite", extra: s => s.AddSingleton<IDigestLinks>(links));
        await using var chat = await TestChat.InstallAsync(db);

        var weekToDate = (CardReply)await chat.SayAsync("U-MAYA", "digest");
        Assert.Empty(weekToDate.Card.Body.OfType<ImageElement>());      // not stored: nothing to link to
        Assert.Empty(links.Asked);

        db.Time.Advance(TimeSpan.FromDays(5));                           // W48 has ended
        await using (var scope = db.Scope())
            await scope.ServiceProvider.GetRequiredService<WeeklyScoringJob>().RunAsync(new IsoWeek(2026, 48));
        var manager = (CardReply)await chat.SayAsync("U-MAYA", "digest last");
        Assert.Equal("https://bot.test/digest/1/2026-W48/chart.png", manager.Card.Body.OfType<ImageElement>().Single().Url);
        Assert.Equal("https://bot.test/digest/1/2026-W48", manager.Card.Body.OfType<ActionRow>().Single().Actions.Single().Url);
        var rep = (CardReply)await chat.SayAsync("U-DAN", "digest last");
        Assert.Single(rep.Card.Body.OfType<ImageElement>());
        Assert.Empty(rep.Card.Body.OfType<ActionRow>());
        Assert.All(links.Asked, a => Assert.Equal("2026-W48", a.Week));

        // Slack reports the link button's click as an action: it is answered with nothing.
        Assert.IsType<NoReply>(await chat.ClickAsync("U-MAYA", DigestCards.OpenAction));
    }

    private sealed class RecordingLinks : IDigestLinks
    {
        public List<(long Team, string Week)> Asked { get; } = [];

        public DigestLinks For(long teamId, string week)
        {
            Asked.Add((teamId, week));
            return new DigestLinks($"https://bot.test/digest/{teamId}/{week}/chart.png", $"https://bot.test/digest/{teamId}/{week}");
        }
    }
}
