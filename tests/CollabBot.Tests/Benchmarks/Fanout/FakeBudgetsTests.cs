using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CollabBot.Benchmarks.Fanout;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Tests.Benchmarks.Fanout;

// The fan-out benchmark's fake platforms must really enforce the limits its minimum is computed
// from; these run their budgets (the same source files, linked) on a fake clock, and one fake
// over HTTP.
public sealed class FakeBudgetsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T09:00:00Z", CultureInfo.InvariantCulture));

    private static int Admitted(FakeBudgets budgets, int tries, Func<int, (string, Func<IFakeBudget>)[]> budgetsFor) =>
        Enumerable.Range(0, tries).Count(i => budgets.Admit(budgetsFor(i)) == TimeSpan.Zero);

    [Fact]
    public void Slack_posts_go_one_a_second_per_channel_after_a_short_burst()
    {
        var budgets = new FakeBudgets(_time);
        Assert.Equal(FanoutSlack.ChannelBurst, Admitted(budgets, 10, _ => FanoutSlack.BudgetsFor("1", "chat.postMessage", "C1")));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, Admitted(budgets, 10, _ => FanoutSlack.BudgetsFor("1", "chat.postMessage", "C1")));
        Assert.Equal(1, Admitted(budgets, 1, _ => FanoutSlack.BudgetsFor("1", "chat.postMessage", "C2")));
    }

    [Fact]
    public void Slack_posts_of_one_workspace_share_its_cap_whatever_the_channel()
    {
        var budgets = new FakeBudgets(_time);
        Assert.Equal(FanoutSlack.PostBurst, Admitted(budgets, 100, i => FanoutSlack.BudgetsFor("1", "chat.postMessage", $"U{i}")));
        var wait = budgets.Admit(FanoutSlack.BudgetsFor("1", "chat.postMessage", "U-next"));
        Assert.Equal(TimeSpan.FromSeconds(60.0 / FanoutSlack.PostPerMinute), wait);
        Assert.Equal("1", FakeBudgets.RetryAfter(wait));
        // 300 a minute: twelve seconds later, 60 more; another workspace is not affected.
        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(60, Admitted(budgets, 100, i => FanoutSlack.BudgetsFor("1", "chat.postMessage", $"V{i}")));
        Assert.Equal(FanoutSlack.PostBurst, Admitted(budgets, 100, i => FanoutSlack.BudgetsFor("2", "chat.postMessage", $"U{i}")));
        // chat.update is Tier 3: 50 a minute, a burst of 10.
        Assert.Equal(10, Admitted(budgets, 20, i => FanoutSlack.BudgetsFor("1", "chat.update", $"C{i}")));
    }

    [Fact]
    public void Teams_threads_take_7_a_second_and_8_in_2_and_60_in_30()
    {
        var budgets = new FakeBudgets(_time);
        Assert.Equal(7, Admitted(budgets, 10, _ => FanoutTeams.BudgetsFor("t0", "a:1")));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, Admitted(budgets, 10, _ => FanoutTeams.BudgetsFor("t0", "a:1")));
        var admitted = 8;
        for (var s = 0; s < 40; s++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            admitted += Admitted(budgets, 10, _ => FanoutTeams.BudgetsFor("t0", "a:1"));
        }
        // 41 s after the first: at most 60 in any 30 s and 8 in any 2 s (not 7 a second).
        Assert.InRange(admitted, 60, 8 + 4 * 40);
        Assert.True(admitted <= 60 + 8 * 6, $"{admitted} admitted");
    }

    [Fact]
    public void A_teams_tenant_takes_30_requests_a_second_and_a_refusal_counts_nowhere()
    {
        var budgets = new FakeBudgets(_time);
        Assert.Equal(30, Admitted(budgets, 40, i => FanoutTeams.BudgetsFor("t0", $"a:{i}")));
        // Refused by the tenant budget, so not counted by the thread's: it still has 7 after the second.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(7, Admitted(budgets, 10, _ => FanoutTeams.BudgetsFor("t0", "a:35")));
        Assert.Equal(30, Admitted(budgets, 40, i => FanoutTeams.BudgetsFor("t1", $"a:{i}")));
    }

    [Fact]
    public async Task The_fake_connector_answers_429_with_retry_after_over_a_thread_limit()
    {
        await using var teams = await FanoutTeams.StartAsync();
        using var http = new HttpClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, teams.ServiceUrl("t0") + "v3/conversations/a:1on1-x/activities")
            { Content = JsonContent.Create(new { type = "message", attachments = Array.Empty<object>() }) };
            request.Headers.Authorization = new("Bearer", FanoutTeams.BotToken);
            answers.Add(await http.SendAsync(request, TestContext.Current.CancellationToken));
        }
        Assert.Equal(7, answers.TakeWhile(a => a.StatusCode == HttpStatusCode.OK).Count());
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), answers[^1].Headers.RetryAfter?.Delta);
        Assert.Equal(8, teams.Ledger.Requests);
        Assert.Equal(1, teams.Ledger.Throttled);
        Assert.Equal(7, teams.Ledger.Count("post", "t0|a:1on1-x"));
    }
}
