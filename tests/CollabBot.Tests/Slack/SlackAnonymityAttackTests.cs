using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Tests.Slack.SlackPulseWire;

namespace CollabBot.Tests.Slack;

// The insider's attacks on pulse anonymity, each through the real Slack wire (signed slash
// commands, block actions, modal submissions). Each one recovered a colleague's exact answer
// before the answers were sealed and marked per person.
public sealed class SlackAnonymityAttackTests
{
    private static readonly string[] Colleagues = ["U0CAL", "U0DEE", "U0EVA", "U0FIN"];

    private static async Task<SlackHost> TeamOfSevenAsync()
    {
        var host = await SlackHost.StartAsync();
        AddPeople(host, Colleagues);
        await SayAsync(host, "U0MAYA", "help");                  // installs #sales with its roster
        return host;
    }

    [Fact]
    public async Task Forget_me_then_rejoining_does_not_buy_a_second_answer_and_k_counts_people()
    {
        await using var host = await TeamOfSevenAsync();
        await SayAsync(host, "U0MAYA", "pulse now");
        var round = await OpenRoundAsync(host);
        Assert.Contains("anonymously", await AnswerAsync(host, "U0ANA", round, 1));

        // Ben answers, forgets himself, speaks again (a new member row), and tries again — four times.
        Assert.Contains("anonymously", await AnswerAsync(host, "U0BEN", round, 5));
        for (var i = 0; i < 4; i++)
        {
            await ForgetAsync(host, "U0BEN");
            await SayAsync(host, "U0BEN", "help");
            Assert.DoesNotContain("anonymously", await AnswerAsync(host, "U0BEN", round, 5));
        }
        Assert.True(await host.QueryAsync(db => db.Unscoped<Member>().CountAsync(m => m.PlatformUserId == "U0BEN")) == 1);
        Assert.Equal(2, await host.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));
        Assert.Equal(2, await host.QueryAsync(db => db.Unscoped<PulseAnswerMark>().CountAsync()));

        // Two people answered: k = 5 is not met, whatever the count of submissions would have said.
        Assert.Contains("fewer than 5", await SayAsync(host, "U0MAYA", "pulse close"));
        var digest = Texts(await SayAsync(host, "U0MAYA", "digest explain"));
        Assert.Contains("*Role clarity*\nno data", digest);
        Assert.Empty(Figures(digest));
        Assert.False(await host.QueryAsync(db => db.Unscoped<PulseRound>().Select(r => r.Published).SingleAsync()));
    }

    [Fact]
    public async Task A_second_pulse_in_the_same_week_is_refused_so_no_week_pools_two_rounds()
    {
        await using var host = await TeamOfSevenAsync();
        await SayAsync(host, "U0MAYA", "pulse now");
        var round = await OpenRoundAsync(host);
        foreach (var (user, value) in new[] { ("U0ANA", 4), ("U0BEN", 4), ("U0CAL", 3), ("U0DEE", 5), ("U0EVA", 4) })
            Assert.Contains("anonymously", await AnswerAsync(host, user, round, value));
        Assert.Contains("Pulse closed: 5 of", await SayAsync(host, "U0MAYA", "pulse close"));
        var first = Figures(Texts(await SayAsync(host, "U0MAYA", "digest explain")));
        Assert.Contains("*Role clarity · Pulse answers*\n75 ±8 · n=5 · 100% of Role clarity", first);

        // The differencing attack: a second round this week for the one person who has not answered.
        var again = await SayAsync(host, "U0MAYA", "pulse now");
        Assert.Contains("one pulse a week", again);
        Assert.Contains("next one goes out", again);
        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<PulseRound>().CountAsync()));
        Assert.Equal("no form", await AnswerAsync(host, "U0FIN", round, 1));
        Assert.Equal(first, Figures(Texts(await SayAsync(host, "U0MAYA", "digest explain"))));   // unchanged: same answers
    }

    [Fact]
    public async Task Late_answers_erasure_and_leavers_never_change_a_published_figure()
    {
        await using var host = await TeamOfSevenAsync();
        await SayAsync(host, "U0MAYA", "pulse now");
        var round = await OpenRoundAsync(host);
        foreach (var (user, value) in new[] { ("U0ANA", 2), ("U0BEN", 4), ("U0CAL", 3), ("U0DEE", 5), ("U0EVA", 4) })
            await AnswerAsync(host, user, round, value);
        await SayAsync(host, "U0MAYA", "pulse close");
        var shown = Figures(Texts(await SayAsync(host, "U0MAYA", "digest explain")));
        Assert.NotEmpty(shown);

        Assert.Equal("no form", await AnswerAsync(host, "U0FIN", round, 1));     // late
        await ForgetAsync(host, "U0ANA");                                         // erased
        await SayAsync(host, "U0MAYA", "settings anonymity 7");                  // k raised after the fact
        Assert.Equal(shown, Figures(Texts(await SayAsync(host, "U0MAYA", "digest explain"))));
    }

    [Fact]
    public async Task Deliveries_and_pulse_status_never_name_who_was_reminded()
    {
        await using var host = await TeamOfSevenAsync();
        await SayAsync(host, "U0MAYA", "pulse now");
        var round = await OpenRoundAsync(host);
        await AnswerAsync(host, "U0ANA", round, 4);
        var team = await host.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        Assert.Equal(6, await host.Services.GetRequiredService<PulseJobs>().RemindAsync(team, TestContext.Current.CancellationToken));
        // Reminders fail (the DM channel is gone) so that the ledgers list them.
        await host.QueryAsync(db => db.Unscoped<OutboxMessage>().Where(m => m.IdempotencyKey.Contains(":remind:"))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.Error, "channel_not_found")));

        var members = await host.QueryAsync(db => db.Unscoped<Member>().ToListAsync());
        foreach (var view in new[] { await SayAsync(host, "U0MAYA", "deliveries"), await SayAsync(host, "U0MAYA", "pulse status") })
        {
            Assert.Contains("channel_not_found", view);
            foreach (var m in members.Where(m => m.PlatformUserId != "U0MAYA"))
            {
                Assert.DoesNotContain(m.PlatformUserId, view);
                Assert.DoesNotContain(m.DisplayName, view);
                Assert.DoesNotContain($":remind:{m.Id}\"", view);
                Assert.DoesNotContain($":remind:{m.Id} ", view);
            }
        }
    }

    // Every text a Block Kit message shows, one string per text field.
    private static List<string> Texts(string blockKit)
    {
        var texts = new List<string>();
        void Walk(System.Text.Json.Nodes.JsonNode? n)
        {
            if (n is System.Text.Json.Nodes.JsonObject o)
                foreach (var (k, v) in o)
                    if (k == "text" && v is System.Text.Json.Nodes.JsonValue t && t.TryGetValue<string>(out var s)) texts.Add(s);
                    else Walk(v);
            else if (n is System.Text.Json.Nodes.JsonArray a) foreach (var x in a) Walk(x);
        }
        Walk(System.Text.Json.Nodes.JsonNode.Parse(blockKit));
        return texts;
    }

    // The survey figures of a manager's `digest explain`: its survey components with a value.
    private static List<string> Figures(List<string> texts) =>
        texts.Where(t => t.Contains("· Pulse answers", StringComparison.Ordinal) && char.IsDigit(t.Split('\n').Last()[0])).ToList();
}
