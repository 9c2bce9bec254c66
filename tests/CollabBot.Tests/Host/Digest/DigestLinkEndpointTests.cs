using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CollabBot.Core.Scoring;
using CollabBot.Host.Digest;

namespace CollabBot.Tests.Host.Digest;

// The signed links through the real host: a valid link opens exactly its page or chart;
// anything else — expired, tampered, another team or workspace — gets one and the same 404.
public sealed partial class DigestLinkEndpointTests(DigestHostFixture host) : IClassFixture<DigestHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Local(string url) => new Uri(url).PathAndQuery;

    private async Task<string> RefusedAsync(string pathAndQuery)
    {
        var response = await host.Client.GetAsync(pathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("This link is invalid or has expired.", body);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return body;
    }

    [Fact]
    public async Task A_valid_link_opens_the_page_whose_chart_link_opens_the_png()
    {
        var links = host.Links.For(host.DemoTeam, host.Week);
        Assert.StartsWith($"http://127.0.0.1:3978/digest/{host.DemoTeam}/{host.Week}?exp=", links.PageUrl);   // Bot:PublicBaseUrl's default

        var page = await host.Client.GetAsync(Local(links.PageUrl), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        Assert.Equal(DigestPageStyle.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"Collaboration digest — Demo Sales · {host.Week}", html);
        Assert.Contains("<span>Role clarity</span>", html);
        Assert.Contains("<td>Pulse answers</td>", html);                          // the components behind each dimension
        var src = WebUtility.HtmlDecode(ImgSrc().Match(html).Groups[1].Value);
        Assert.StartsWith($"/digest/{host.DemoTeam}/{host.Week}/chart.png?exp=", src);

        var chart = await host.Client.GetAsync(src, Ct);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.ToString());
        Assert.Equal((800, 400), DigestChartTests.PngSize(await chart.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(Local(links.ChartUrl), Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var links = host.Links.For(host.DemoTeam, host.Week, DateTimeOffset.UtcNow.AddSeconds(-1));
        await RefusedAsync(Local(links.PageUrl));
        await RefusedAsync(Local(links.ChartUrl));
    }

    [Fact]
    public async Task A_tampered_link_is_refused_and_every_refusal_is_the_same()
    {
        var page = Local(host.Links.For(host.DemoTeam, host.Week).PageUrl);
        var chart = Local(host.Links.For(host.DemoTeam, host.Week).ChartUrl);
        var (path, query) = (page[..page.IndexOf('?')], page[page.IndexOf('?')..]);
        var sig = query[(query.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        var exp = query[5..query.IndexOf('&')];
        var previous = IsoWeek.Parse(host.Week).Previous().ToString();

        var bodies = new List<string>
        {
            await RefusedAsync(path + query.Replace("sig=" + sig, "sig=" + (sig[0] == 'A' ? 'B' : 'A') + sig[1..])),   // signature
            await RefusedAsync(path + $"?exp={long.Parse(exp, CultureInfo.InvariantCulture) + 60}&sig={sig}"),                                       // expiry
            await RefusedAsync(path.Replace(host.Week, previous) + query),                                            // week
            await RefusedAsync(path.Replace($"/digest/{host.DemoTeam}/", "/digest/999/") + query),                    // team
            await RefusedAsync(path + chart[chart.IndexOf('?')..]),                                                   // the chart's signature on the page
            await RefusedAsync(chart[..chart.IndexOf('?')] + query),                                                  // the page's signature on the chart
            await RefusedAsync(path),
            await RefusedAsync(path + $"?exp={exp}"),
            await RefusedAsync(path + query + $"&exp={exp}"),                                                         // a second exp
            await RefusedAsync($"/digest/{host.DemoTeam}/not-a-week" + query),
        };
        Assert.Single(bodies.Distinct());
        Assert.DoesNotContain("Demo Sales", bodies[0]);
    }

    [Fact]
    public async Task A_signature_binds_the_team_so_another_workspace_cannot_reach_it()
    {
        // A manager of the other workspace holds a valid link to their own team's digest…
        var theirs = host.Links.For(host.OtherTeam, host.Week);
        var own = await host.Client.GetAsync(Local(theirs.PageUrl), Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var html = await own.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"zh-Hans\">", html);                        // the team's language
        Assert.Contains("Other Sales", html);
        Assert.DoesNotContain("Demo Sales", html);

        // …and points it at the demo team's page and chart: refused.
        await RefusedAsync(Local(theirs.PageUrl).Replace($"/digest/{host.OtherTeam}/", $"/digest/{host.DemoTeam}/"));
        await RefusedAsync(Local(theirs.ChartUrl).Replace($"/digest/{host.OtherTeam}/", $"/digest/{host.DemoTeam}/"));
    }

    [Fact]
    public async Task A_signed_link_to_something_that_does_not_exist_is_refused_the_same_way()
    {
        var week = IsoWeek.Parse(host.Week);
        await RefusedAsync(Local(host.Links.For(424242, host.Week).PageUrl));                  // no such team
        await RefusedAsync(Local(host.Links.For(host.OtherTeam, week.Previous().ToString()).PageUrl));   // no digest stored that week
        await RefusedAsync(Local(host.Links.For(host.DemoTeam, week.Next().ToString()).ChartUrl));
    }

    [Fact]
    public async Task A_chart_with_a_missing_week_still_draws()
    {
        var chart = await host.Client.GetAsync(Local(host.Links.For(host.OtherTeam, host.Week).ChartUrl), Ct);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal((800, 400), DigestChartTests.PngSize(await chart.Content.ReadAsByteArrayAsync(Ct)));
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImgSrc();
}
