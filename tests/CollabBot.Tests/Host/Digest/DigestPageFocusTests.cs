using System.Net;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Focus;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Host.Digest;
using CollabBot.Tests.Core.Features.Digest;
using CollabBot.Tests.Core.Features.Focus;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Digest;

// The digest page's history of focus actions: what was set, by whom, from which digest, and
// how the dimension moved — as a pure page, and from the database through a signed link.
public sealed class DigestPageFocusTests
{
    private static readonly DateTimeOffset Expires = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

    private static string Render(IReadOnlyList<FocusReport>? focus, string locale = "en")
    {
        var t = Texts.For(locale);
        var s = SampleSnapshots.Make("2026-W47", 70);
        return DigestPage.Render(t, s, DigestSeries.For(IsoWeek.Parse(s.Week), [s], t), "/digest/1/2026-W47/chart.png?exp=1&sig=x", Expires, focus);
    }

    [Fact]
    public void The_history_shows_each_focus_with_who_set_it_its_start_and_how_it_moved()
    {
        var html = Render(
        [
            new FocusReport("process", "Review <stuck> deals on Mondays", "2026-W46", 55, 3, "2026-W47", 57, 3, false, null, "Maya"),
            new FocusReport("recognition", "Thank one teammate every Friday", "2026-W43", 48.2, 2, "2026-W45", 63.9, 2, true, "Fridays stuck", "Maya", "Omar"),
        ]);
        var section = html[html.IndexOf("<h2 id=\"focus\">Focus actions</h2>", StringComparison.Ordinal)..html.IndexOf("<footer>", StringComparison.Ordinal)];
        Assert.Contains("<h3><span>Process health</span><span>open</span></h3>\n<p>“Review &lt;stuck&gt; deals on Mondays”</p>", section);
        Assert.Contains("Set by Maya, starting from the 2026-W46 digest (55 ±3).", section);
        Assert.Contains("<p class=\"trend\">Process health — “Review &lt;stuck&gt; deals on Mondays” (2026-W46 → 2026-W47): 55 → 57: steady (&#x2B;2, within its noise ±8)</p>", section);
        Assert.Contains("<h3><span>Recognition</span><span>closed</span></h3>", section);
        Assert.Contains("Closed by Omar.", section);
        Assert.Contains("<p class=\"trend trend-rise\">Recognition — “Thank one teammate every Friday” (2026-W43 → 2026-W45): 48 → 64: ▲ &#x2B;16, beyond its noise (±6)</p>", section);
        Assert.Contains("<p>Note: Fridays stuck</p>", section);
        Assert.True(section.IndexOf("Process health", StringComparison.Ordinal) < section.IndexOf("Recognition", StringComparison.Ordinal));
    }

    [Fact]
    public void A_team_without_a_focus_is_told_how_to_set_one_in_its_language()
    {
        Assert.Contains("No focus has been set yet.", Render(null));
        Assert.Contains("<h2 id=\"focus\">改进重点</h2>\n<p>尚未设置改进重点。", Render([], "zh-Hans"));
    }

    [Fact]
    public async Task The_page_behind_a_signed_link_lists_the_teams_focus_history_from_the_database()
    {
        await using var factory = new CollabBotFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var (ws, team, members) = await Seed.TeamAsync(db, "T-FOCUS");
        foreach (var (week, score) in new[] { ("2026-W45", 48.2), ("2026-W46", 55.0), ("2026-W47", 63.9) })
            await StoredDigests.StoreAsync(db, StoredDigests.Week(week, ("recognition", score, 2)));
        var at = new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
        db.AddRange(
            new FocusAction
            {
                WorkspaceId = ws.Id,
                TeamId = team.Id,
                Dimension = "recognition",
                Action = "Thank a teammate every Friday",
                SetById = members[0].Id,
                SetAt = at,
                BaselineWeek = "2026-W45",
                BaselineScore = 48.2,
                BaselineSe = 2
            },
            new FocusAction
            {
                WorkspaceId = ws.Id,
                TeamId = team.Id,
                Dimension = "role",
                Action = "Write down renewal owners",
                SetById = members[0].Id,
                SetAt = at.AddDays(-14),
                BaselineWeek = "2026-W43",
                BaselineScore = 60,
                BaselineSe = 3,
                ClosedAt = at.AddDays(-1),
                ClosedById = members[0].Id,
                OutcomeWeek = "2026-W44",
                OutcomeScore = 61,
                OutcomeSe = 3,
                Note = "Owners are in the CRM now"
            });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var links = factory.Services.GetRequiredService<SignedDigestLinks>().For(team.Id, "2026-W47");
        var page = await client.GetAsync(new Uri(links.PageUrl).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Recognition — “Thank a teammate every Friday” (2026-W45 → 2026-W47): 48 → 64: ▲ &#x2B;16, beyond its noise (±6)", html);
        Assert.Contains("Set by Person 1, starting from the 2026-W45 digest (48 ±2).", html);
        Assert.Contains("Role clarity — “Write down renewal owners” (2026-W43 → 2026-W44): 60 → 61: steady (&#x2B;1, within its noise ±8)", html);
        Assert.Contains("<p>Note: Owners are in the CRM now</p>", html);

        // The page of the week a focus starts from has no later digest to measure it against.
        var older = factory.Services.GetRequiredService<SignedDigestLinks>().For(team.Id, "2026-W45");
        var olderHtml = await client.GetStringAsync(new Uri(older.PageUrl).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Contains("Thank a teammate every Friday” (2026-W45)", olderHtml);
        Assert.Contains("no digest since it began", olderHtml);
    }
}
