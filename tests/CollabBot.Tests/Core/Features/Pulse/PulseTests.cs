using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Pulse;

public sealed class PulseTests
{
    internal static async Task<(TestChat Chat, string RoundId)> StartedAsync(string provider = "sqlite")
    {
        var chat = await TestChat.InstallAsync(provider);
        Assert.Contains("for 5 members; each answers privately", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse now")));
        var post = (await chat.OutboxAsync()).Single(m => m.Kind == Outbox.Post && m.IdempotencyKey.StartsWith("pulse:", StringComparison.Ordinal));
        var card = TestChat.CardOf(post);
        Assert.Equal("pulse.channel", card.Kind);
        Assert.Contains("0 of 5 answered", ReplyText.Of(card));
        var button = card.Body.OfType<ActionRow>().Single().Actions.Single();
        Assert.Equal(PulseActions.Open, button.ActionId);
        return (chat, button.Payload![PulseActions.Round]);
    }

    internal static Dictionary<string, string> AllAnswered(Form form, int value) =>
        form.Fields.OfType<LikertInput>().ToDictionary(q => q.Id, _ => value.ToString(CultureInfo.InvariantCulture));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rep_answers_privately_once_and_the_channel_sees_only_the_count(string provider)
    {
        var (chat, round) = await StartedAsync(provider);
        await using var _ = chat;
        var form = Assert.IsType<FormReply>(await chat.ClickAsync("U-ANA", PulseActions.Open, new Dictionary<string, string> { ["r"] = round })).Form;
        Assert.Equal(7, form.Fields.OfType<LikertInput>().Count());
        Assert.Contains(form.Fields, f => f is TextInput { Id: PulseActions.Comment });

        var partial = await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string> { ["role.a"] = "4", ["role.b"] = "4" });
        var errors = Assert.IsType<FormErrorsReply>(partial).Errors;
        Assert.Equal(6, errors.Count);
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseResponse>().CountAsync()));

        var thanks = await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string>(AllAnswered(form, 4)) { [PulseActions.Comment] = "More demos please" });
        Assert.Contains("anonymously", ReplyText.Of(thanks));
        var update = (await chat.OutboxAsync()).Single(m => m.Kind == Outbox.Refresh);
        Assert.Equal(PulseRounds.CardKey(long.Parse(round, CultureInfo.InvariantCulture)), update.UpdatesKey);
        var drawn = await chat.DrawAsync(update);
        Assert.Contains("1 of 5 answered", ReplyText.Of(drawn));
        Assert.DoesNotContain("Ana", CollabBot.Core.CollabJson.Serialize(drawn));

        Assert.Contains("already answered", ReplyText.Of(await chat.SubmitFormAsync("U-ANA", form, AllAnswered(form, 5))));
        Assert.Contains("already answered", ReplyText.Of(await chat.ClickAsync("U-ANA", PulseActions.Open, new Dictionary<string, string> { ["r"] = round })));
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseResponse>().CountAsync()));   // sealed while open
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Answers_are_stored_under_a_pseudonym_never_the_member_id(string provider)
    {
        var (chat, round) = await StartedAsync(provider);
        await using var _ = chat;
        var form = ((FormReply)await chat.ClickAsync("U-ANA", PulseActions.Open, new Dictionary<string, string> { ["r"] = round })).Form;
        await chat.SubmitFormAsync("U-ANA", form, AllAnswered(form, 3));
        var ana = await chat.MemberAsync("U-ANA");
        var sealedRow = await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().SingleAsync());
        Assert.DoesNotContain("role.a", System.Text.Encoding.UTF8.GetString(sealedRow.Sealed), StringComparison.Ordinal);
        Assert.Contains("Pulse closed", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse close")));

        var response = await chat.QueryAsync(db => db.Unscoped<PulseResponse>().Include(r => r.Answers).SingleAsync());
        Assert.StartsWith("p-", response.Respondent);
        // A random respondent id, not Ana's mark: nothing keyed ties the response to her.
        Assert.NotEqual(chat.Db.Services.GetRequiredService<Pseudonyms>().Mark(long.Parse(round, CultureInfo.InvariantCulture), "U-ANA"), response.Respondent);
        Assert.Null(response.AnsweredAt);
        Assert.Equal(7, response.Answers.Count);
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));
    }

    [Fact]
    public async Task Answers_after_the_round_closes_are_refused()
    {
        var (chat, round) = await StartedAsync();
        await using var _ = chat;
        var form = ((FormReply)await chat.ClickAsync("U-BEN", PulseActions.Open, new Dictionary<string, string> { ["r"] = round })).Form;
        chat.Db.Time.Advance(TimeSpan.FromDays(4));
        Assert.Contains("closed", ReplyText.Of(await chat.SubmitFormAsync("U-BEN", form, AllAnswered(form, 5))));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));
    }

    [Fact]
    public async Task A_round_closed_after_its_form_was_read_refuses_the_answer_in_the_writer()
    {
        var (chat, round) = await StartedAsync();
        await using var _ = chat;
        var form = ((FormReply)await chat.ClickAsync("U-BEN", PulseActions.Open, new Dictionary<string, string> { ["r"] = round })).Form;
        // Closed behind the kept copy of the round: only the writer's own check can see it.
        await chat.QueryAsync(db => db.Unscoped<PulseRound>().Where(r => r.Id == long.Parse(round, CultureInfo.InvariantCulture))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosedAt, chat.Db.Time.GetUtcNow())));
        Assert.Contains("closed", ReplyText.Of(await chat.SubmitFormAsync("U-BEN", form, AllAnswered(form, 5))));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseAnswerMark>().CountAsync()));
    }

    [Fact]
    public async Task Pulse_status_shows_the_rounds_deliveries_with_the_failure_reason_until_they_are_retried()
    {
        var (chat, _) = await StartedAsync();
        await using var __ = chat;
        Assert.Contains("0 delivered · 1 waiting · 0 failed", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse status")));

        // What the delivery engine records when Slack answers ok:false for the channel.
        await chat.QueryAsync(db => db.Unscoped<OutboxMessage>().Where(m => m.TargetKind == OutboxTarget.Channel).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.Error, "Slack chat.postMessage: channel_not_found")));
        var status = ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse status"));
        Assert.Contains("0 delivered · 0 waiting · 1 failed", status);
        Assert.Contains("✗ Slack chat.postMessage: channel_not_found", status);
        Assert.Contains("deliveries retry", status);

        Assert.Contains("1 failed message will be sent again.", ReplyText.Of(await chat.SayAsync("U-MAYA", "deliveries retry")));
        status = ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse status"));
        Assert.Contains("0 delivered · 1 waiting · 0 failed", status);
        Assert.DoesNotContain("channel_not_found", status);
    }

    [Fact]
    public async Task Managers_run_the_pulse_and_reps_cannot()
    {
        var (chat, _) = await StartedAsync();
        await using var __ = chat;
        // One round a week: asked again, the open round's card is posted again.
        var again = Assert.IsType<CardReply>(await chat.SayAsync("U-MAYA", "pulse now"));
        Assert.False(again.Ephemeral);
        Assert.Equal("pulse.channel", again.Card.Kind);
        Assert.Contains("Only the team's managers", ReplyText.Of(await chat.SayAsync("U-ANA", "pulse now")));
        Assert.Contains("0 of 5 answered", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse status")));
        Assert.Contains("role.", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse questions")));
        Assert.Contains("Question c", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse questions add sharing I can find the latest pitch deck")));
        Assert.Contains("pitch deck", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse questions")));
        Assert.Contains("every Friday at 16:30", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse schedule fri 16:30")));
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<PulseRound>().CountAsync()));
    }

    [Theory]
    [InlineData("pulse")]
    [InlineData("pulse later")]
    [InlineData("pulse now please")]
    [InlineData("pulse schedule someday 10:00")]
    [InlineData("pulse schedule friday 25:00")]
    [InlineData("pulse questions add mood I feel good")]
    public async Task Malformed_pulse_commands_get_the_usage_line_and_change_nothing(string text)
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Usage: pulse now", ReplyText.Of(await chat.SayAsync("U-MAYA", text)));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseRound>().CountAsync()));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseQuestion>().CountAsync()));
    }

    [Fact]
    public async Task Shutting_down_with_answers_in_flight_is_clean_and_keeps_them()
    {
        var (chat, round) = await StartedAsync();
        var form = ((FormReply)await chat.ClickAsync("U-ANA", PulseActions.Open, new Dictionary<string, string> { ["r"] = round })).Form;
        // Straight to the router (no test-adapter flush), so a counter refresh is still pending.
        await using (var scope = chat.Db.Scope())
            await scope.ServiceProvider.GetRequiredService<BotRouter>().DispatchAsync(new Interaction(CollabBot.Core.Storage.Platform.Slack, TestChat.Workspace,
                "U-ANA", "D-U-ANA", InteractionKind.Submit, PulseActions.Submit, Values: new Dictionary<string, string>(AllAnswered(form, 4)) { ["r"] = round },
                ConversationType: ConversationType.Personal), scope.ServiceProvider, TestContext.Current.CancellationToken);
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));
        // The writer goes with the container; its last counter flush must not throw on the way out.
        Assert.Null(await Record.ExceptionAsync(() => chat.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task Someone_in_two_teams_answers_the_pulse_of_the_team_it_came_from()
    {
        var (chat, round) = await StartedAsync();                  // #sales' pulse
        await using var _ = chat;
        chat.Db.Time.Advance(TimeSpan.FromMinutes(5));               // Ana's newest membership will be #emea
        await chat.DispatchAsync(new Interaction(CollabBot.Core.Storage.Platform.Slack, TestChat.Workspace, "U-MAYA", "C-EMEA", InteractionKind.Install, "",
            UserName: "Maya", Users: new Dictionary<string, string> { ["U-ANA"] = "Ana" }, ConversationName: "emea"));
        var card = TestChat.CardOf((await chat.OutboxAsync()).First(m => m.IdempotencyKey == PulseRounds.CardKey(long.Parse(round, CultureInfo.InvariantCulture))));
        var button = card.Body.OfType<ActionRow>().Single().Actions.Single();
        var form = Assert.IsType<FormReply>(await chat.ClickAsync("U-ANA", button.ActionId, button.Payload)).Form;
        Assert.True(form.State!.ContainsKey("t"));
        Assert.Contains("anonymously", ReplyText.Of(await chat.SubmitFormAsync("U-ANA", form, AllAnswered(form, 4))));
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync(a => a.RoundId == long.Parse(round, CultureInfo.InvariantCulture))));
    }
}
