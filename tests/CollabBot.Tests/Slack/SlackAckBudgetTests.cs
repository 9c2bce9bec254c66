using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Storage;
using CollabBot.Slack.Web;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Slack;

public sealed class SlackAckBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Work_that_outlasts_the_ack_budget_is_acked_empty_and_answered_through_response_url()
    {
        await using var host = await SlackHost.StartAsync(configure: s => s["Slack:AckBudgetMilliseconds"] = "0");
        await host.CommandAsync("U0MAYA", "help");                                   // installs
        var ack = await host.CommandAsync("U0BEN", "kudos <@U0ANA> thanks for the intro");
        Assert.Equal(System.Net.HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("", await ack.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        FakeSlack.Call? later = null;
        for (var i = 0; i < 100 && later is null; i++)
        {
            later = host.Slack.Of("response_url").FirstOrDefault(c => c.Body.Contains("Kudos sent", StringComparison.Ordinal));
            if (later is null) await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.NotNull(later);
        var message = JsonNode.Parse(later.Body)!.AsObject();
        Assert.Equal("ephemeral", message["response_type"]!.GetValue<string>());
        Assert.False(message["replace_original"]!.GetValue<bool>());
    }

    // A fresh single-workspace host: every first command would read the caller's profile and the
    // channel's roster (users.info each) before answering. While Slack holds every users.info,
    // each command still gets its ack; the answers follow through response_url once Slack
    // answers, and the channel is installed once.
    [Fact]
    public async Task Concurrent_first_commands_are_acked_while_slack_is_slow_and_answered_after()
    {
        const int Commands = 32;
        // A short window: the acks leave while the held users.info calls are well inside the
        // Slack client's own timeout, on a busy machine too.
        await using var host = await SlackHost.StartAsync(configure: s => s["Slack:AckBudgetMilliseconds"] = "300");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Slack.BeforeUsersInfo = () => release.Task;

        // The guard only keeps a hang from running forever: the acks do not depend on users.info.
        var acks = await Task.WhenAll(Enumerable.Range(0, Commands).Select(_ =>
            host.PostSignedAsync("/slack/commands", host.CommandForm("U0MAYA", "help"), "application/x-www-form-urlencoded"))).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.All(acks, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Empty(host.Slack.Of("response_url"));
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Team>().CountAsync(Ct)));
        release.SetResult();
        await host.Services.GetRequiredService<SlackBackground>().WhenIdleAsync().WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.Equal(Commands, host.Slack.Of("response_url").Count());
        Assert.Single(host.Slack.Of("conversations.members"));
        Assert.Equal(1, await host.QueryAsync(db => db.Unscoped<Team>().CountAsync(Ct)));
        Assert.Equal(3, await host.QueryAsync(db => db.Unscoped<Member>().CountAsync(Ct)));
    }

    // view_submission's errors keep a modal open only in the ack; after it the modal is gone.
    [Fact]
    public async Task A_forms_errors_that_come_after_the_ack_are_sent_to_the_user_instead_of_being_lost()
    {
        await using var host = await SlackHost.StartAsync(configure: s => s["Slack:AckBudgetMilliseconds"] = "0");
        await host.CommandAsync("U0MAYA", "help");   // installs
        var submission = SlackKudosWire.Submission("  ");

        var ack = await host.InteractionAsync(submission.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("", await ack.Content.ReadAsStringAsync(Ct));
        await host.Services.GetRequiredService<SlackBackground>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var told = host.Slack.Of("chat.postMessage").Select(c => c.Json).Single(m => m["channel"]!.GetValue<string>() == "U0BEN");
        var text = told["text"]!.GetValue<string>();
        Assert.Contains("nothing was saved", text, StringComparison.Ordinal);
        Assert.Contains(CollabBot.Core.Localization.Texts.For("en")["kudos.form.required"], text, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync(Ct)));
    }
}
