using CollabBot.Core.Bot;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Digest;

public sealed class DigestCommandTests
{
    private static readonly string[] Users = ["U-ANA", "U-BEN", "U-CHLOE", "U-DAN", "U-EVE", "U-FAY"];

    // Five answer the pulse (k = 5), then Ben gives Ana kudos.
    private static async Task<TestChat> WeekWithAnswersAsync(int answering)
    {
        var chat = await TestChat.InstallAsync(roster: [("U-ANA", "Ana"), ("U-BEN", "Ben"), ("U-CHLOE", "Chloe"), ("U-DAN", "Dan"), ("U-EVE", "Eve"), ("U-FAY", "Fay")]);
        await chat.SayAsync("U-MAYA", "pulse now");
        var round = (await chat.OutboxAsync()).Single(m => m.IdempotencyKey.EndsWith(":card", StringComparison.Ordinal));
        var roundId = TestChat.CardOf(round).Body.OfType<CollabBot.Core.Cards.ActionRow>().Single().Actions.Single().Payload!["r"];
        foreach (var user in Users.Take(answering))
        {
            var form = ((FormReply)await chat.ClickAsync(user, PulseActions.Open, new Dictionary<string, string> { ["r"] = roundId })).Form;
            await chat.SubmitFormAsync(user, form, form.Fields.OfType<CollabBot.Core.Cards.LikertInput>().ToDictionary(q => q.Id, _ => "4"));
        }
        await chat.SayAsync("U-BEN", "kudos <@U-ANA> thanks for the intro");
        return chat;
    }

    [Fact]
    public async Task Managers_get_the_manager_view_with_explain_and_reps_the_channel_view()
    {
        await using var chat = await WeekWithAnswersAsync(answering: 5);
        // While the round is open the survey stays hidden, so a re-ask cannot isolate one answer.
        Assert.Contains("Role clarity: no data", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest")));
        chat.Db.Time.Advance(TimeSpan.FromDays(3));                       // Sunday: the round has closed, the week has not
        var manager = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain"));
        Assert.Contains("Week to date", manager);
        Assert.Contains("Role clarity: 75", manager);
        Assert.Contains("Role clarity · Pulse answers", manager);          // explain: the components, in words
        Assert.Contains("received no kudos in the last 4 weeks: ", manager);
        Assert.Contains("Chloe", manager);                                // manager view names people

        var rep = ReplyText.Of(await chat.SayAsync("U-DAN", "digest explain"));
        Assert.Contains("Role clarity: 75", rep);
        Assert.DoesNotContain("survey.role", rep);                        // reps never get explain
        Assert.DoesNotContain("Chloe", rep);                              // nor names
        Assert.Contains("received no kudos", rep);
    }

    [Fact]
    public async Task With_fewer_than_k_answers_no_survey_figure_appears_in_any_view()
    {
        await using var chat = await WeekWithAnswersAsync(answering: 4);
        chat.Db.Time.Advance(TimeSpan.FromDays(3));                       // the round has closed: only k hides it now
        foreach (var user in new[] { "U-MAYA", "U-DAN" })
        {
            var text = ReplyText.Of(await chat.SayAsync(user, "digest explain"));
            Assert.Contains("Role clarity: no data", text);
            Assert.Contains("Goal alignment: no data", text);
        }
        Assert.Contains("hidden: fewer than 5 people answered", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest explain")));
    }

    [Fact]
    public async Task A_stored_week_is_shown_as_stored()
    {
        await using var chat = await WeekWithAnswersAsync(answering: 5);
        chat.Db.Time.Advance(TimeSpan.FromDays(4));                       // into W49: W48 has ended
        await using (var scope = chat.Db.Scope())
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<WeeklyScoringJob>().RunAsync(new IsoWeek(2026, 48))).Computed);
        var text = ReplyText.Of(await chat.SayAsync("U-MAYA", "digest last"));
        Assert.Contains("2026-W48", text);
        Assert.DoesNotContain("Week to date", text);
        Assert.Contains("2026-W48", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest 2026-W48")));
    }

    [Theory]
    [InlineData("digest tomorrow")]
    [InlineData("digest 2026-W48 2026-W47")]
    [InlineData("digest 2026-W99")]
    public async Task Malformed_digest_requests_get_usage(string text)
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Usage: digest", ReplyText.Of(await chat.SayAsync("U-MAYA", text)));
    }

    [Fact]
    public async Task A_future_week_is_refused()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("hasn't started", ReplyText.Of(await chat.SayAsync("U-MAYA", "digest 2027-W10")));
    }
}
