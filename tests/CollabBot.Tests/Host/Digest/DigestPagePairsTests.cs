using System.Text.RegularExpressions;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Host.Digest;
using CollabBot.Tests.Core.Features.Digest;

namespace CollabBot.Tests.Host.Digest;

// The digest page's handoff quality by role pair: figures for pairs rated at least k times,
// the count alone below that, in the reader's language, escaped like everything else.
public sealed class DigestPagePairsTests(DigestHostFixture host) : IClassFixture<DigestHostFixture>
{
    private static readonly DateTimeOffset Expires = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

    private static readonly HandoffPairRow[] Rows =
    [
        new("SDR>AE", 7, 6, 3.6666, 77.777, "Timeline agreed", 4, 18.25),
        new("AE>CSM", 2, 2, 5, 100, null, 0, 3),
        new("<b>CEO</b>>AE", 1, 5, 2, 50, "<script>x</script>", 5, 1),
    ];

    private static string Render(string locale, int k = 5, IReadOnlyList<HandoffPairRow>? rows = null)
    {
        var t = Texts.For(locale);
        var s = SampleSnapshots.Make("2026-W47", 70, k: k);
        return DigestPage.Render(t, s, DigestSeries.For(IsoWeek.Parse(s.Week), [s], t), "/chart.png", Expires, pairs: rows ?? Rows);
    }

    [Fact]
    public void Pairs_rated_k_times_show_their_figures_and_the_others_only_their_counts()
    {
        var html = Render("en");
        Assert.Contains("<h2 id=\"pairs\">Handoff quality by role pair</h2>", html);
        Assert.Contains("Ratings given 2026-W44 to 2026-W47; a pair&#x27;s figures show once it has at least 5 ratings.", html);
        Assert.Contains("<tr><td>SDR → AE</td><td>7</td><td>6</td><td>3.7</td><td>78 %</td><td>Timeline agreed (4×)</td><td>18.3 h</td></tr>", html);
        Assert.Contains("<tr><td>AE → CSM</td><td>2</td><td>2</td><td colspan=\"4\">fewer than 5 ratings</td></tr>", html);
        Assert.DoesNotContain("<script>x", html);
        Assert.DoesNotContain("<b>CEO", html);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt; (5×)", html);
    }

    [Fact]
    public void A_chinese_team_reads_it_in_chinese_with_default_items_in_chinese()
    {
        var html = Render("zh-Hans", k: 2);
        Assert.Contains("按角色对统计的交接质量", html);
        Assert.Contains("<td>时间表已确认 (4×)</td><td>18.3 小时</td>", html);
        Assert.Contains("<tr><td>AE → CSM</td><td>2</td><td>2</td><td>5.0</td><td>100 %</td><td>–</td><td>3 小时</td></tr>", html);
        Assert.Contains("这几周没有交接", Render("zh-Hans", rows: []));
        Assert.DoesNotContain("id=\"pairs\"", DigestPage.Render(Texts.For("en"), SampleSnapshots.Make("2026-W47", 70),
            DigestSeries.For(IsoWeek.Parse("2026-W47"), [], Texts.For("en")), "/chart.png", Expires));
    }

    [Fact]
    public async Task The_demo_teams_page_shows_its_pairs_from_the_stored_handoffs()
    {
        var html = await host.Client.GetStringAsync(new Uri(host.Links.For(host.DemoTeam, host.Week).PageUrl).PathAndQuery, TestContext.Current.CancellationToken);
        var section = html[html.IndexOf("<h2 id=\"pairs\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Matches(new Regex(@"<tr><td>SDR → AE</td><td>\d+</td><td>\d+</td><td>\d\.\d</td><td>\d+ %</td>"), section);
        Assert.Contains("<td>AE → CSM</td>", section);
    }
}
