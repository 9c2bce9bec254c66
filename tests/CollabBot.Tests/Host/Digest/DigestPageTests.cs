using CollabBot.Core.Features.Digest;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Host.Digest;
using CollabBot.Tests.Core.Features.Digest;

namespace CollabBot.Tests.Host.Digest;

// The page as a pure function: what it shows, what it hides (k), and that data is escaped.
public sealed class DigestPageTests
{
    private static readonly DateTimeOffset Expires = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
    private static readonly string[] Unthanked = ["Ana", "Ben"];

    private static string Render(Snapshot s, string locale = "en")
    {
        var t = Texts.For(locale);
        return DigestPage.Render(t, s, DigestSeries.For(IsoWeek.Parse(s.Week), [s], t), "/digest/1/2026-W47/chart.png?exp=1&sig=x", Expires);
    }

    [Fact]
    public void The_page_shows_team_week_cei_chart_dimensions_components_and_insights()
    {
        var s = SampleSnapshots.Make("2026-W47", 72.4) with
        {
            Cei = new SnapshotCei(72.4, 2.1, 7, 7, 60, Trend.Rise),
            ManagerInsights = [new Insight("no-kudos", "", new Dictionary<string, object?> { ["count"] = 2, ["names"] = Unthanked })],
        };
        var html = Render(s);
        Assert.StartsWith("<!doctype html>\n<html lang=\"en\">", html);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.Contains("Collaboration digest — West Sales · 2026-W47", html);
        Assert.Contains("<span class=\"cei-score\">72</span>", html);
        Assert.Contains("▲ &#x2B;12", html);                                   // the CEI's change
        Assert.Contains("<img src=\"/digest/1/2026-W47/chart.png?exp=1&amp;sig=x\" alt=\"Line chart of the CEI", html);
        Assert.Contains("width=\"800\" height=\"400\"", html);
        foreach (var d in CeiModel.Dimensions) Assert.Contains($"<span>{d.NameEn}</span>", html);
        Assert.Contains("<td>Pulse answers</td><td>72 ±3 · n=6 · 100% of ", html);
        Assert.Contains("<li>2 members received no kudos in the last 4 weeks: Ana, Ben</li>", html);   // manager view: names
        Assert.Contains("2026-12-07 09:30 (UTC)", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);                                   // nothing external
    }

    [Fact]
    public void Survey_figures_below_k_never_show()
    {
        var s = SampleSnapshots.Make("2026-W47", 70, new Dictionary<string, double?> { ["role"] = null, ["communication"] = 64 });
        // A survey figure from fewer than k respondents, as a faulty writer might have stored it.
        var leaky = new SnapshotComponent("survey.communication", 64.125, 3, 4, 0.6, 0.6, ComponentStatus.Ok);
        s = s with { Dimensions = [.. s.Dimensions.Select(d => d.Id == "communication" ? d with { Components = [leaky] } : d)] };
        var html = Render(s);
        Assert.Contains("<span>Role clarity</span><span>no data</span>", html);
        var communication = html[html.IndexOf("<span>Communication</span>", StringComparison.Ordinal)..];
        Assert.StartsWith("<span>Communication</span><span>64 ±3</span>", communication);   // the stored dimension score stays
        Assert.Contains("<td>Pulse answers</td><td>hidden: fewer than 5 people answered</td>", communication[..communication.IndexOf("</table>", StringComparison.Ordinal)]);
        Assert.DoesNotContain("n=4", html);
        Assert.DoesNotContain("64 ±3 ·", html);
    }

    [Fact]
    public void Every_piece_of_data_is_html_encoded()
    {
        var s = SampleSnapshots.Make("2026-W47", 70, team: "<script>alert('x')</script> & \"Co\"") with
        {
            ManagerInsights = [new Insight("future-kind", "<img src=x onerror=alert(1)>", new Dictionary<string, object?>())],
        };
        var html = Render(s);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;", html);
    }

    [Fact]
    public void A_chinese_team_reads_it_in_chinese()
    {
        var html = Render(SampleSnapshots.Make("2026-W47", 70, zone: "Asia/Shanghai"), "zh-Hans");
        Assert.Contains("<html lang=\"zh-Hans\">", html);
        Assert.Contains("协作效能摘要——West Sales · 2026-W47", html);
        Assert.Contains("<span>角色定位</span>", html);
        Assert.Contains("<td>脉搏调查回答</td>", html);
        Assert.Contains("2026-12-07 17:30 (Asia/Shanghai)", html);                 // times in the team's zone
    }

    [Fact]
    public void The_inline_style_is_the_one_the_policy_allows()
    {
        var html = Render(SampleSnapshots.Make("2026-W47", 70));
        Assert.Contains("<style>" + DigestPageStyle.Css + "</style>", html);
        Assert.Contains($"style-src '{DigestPageStyle.Hash}'", DigestPageStyle.ContentSecurityPolicy);
        Assert.Contains("default-src 'none'", DigestPageStyle.ContentSecurityPolicy);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<style"));
    }
}
