using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

// Input and answers out of bounds, through the real Slack endpoints.
public sealed class SlackBoundsTests
{
    private static async Task<string> TextAsync(HttpResponseMessage r) =>
        JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["text"]!.GetValue<string>();

    [Fact]
    public async Task A_goal_due_at_the_end_of_the_calendar_is_refused_and_one_already_stored_breaks_no_digest()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "help");
        var refused = await TextAsync(await host.CommandAsync("U0ANA", "goal add Pipeline target 100 by 9999-12-31"));
        Assert.Contains("at most 5 years ahead", refused);
        Assert.Contains("goal add &lt;title&gt; target", refused);   // the usage line, escaped for Slack
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Goal>().CountAsync()));
        Assert.Contains("g1", await TextAsync(await host.CommandAsync("U0ANA", $"goal add Pipeline target 100 by {DateTime.UtcNow.AddYears(4):yyyy-MM-dd}")));

        // A date stored before the bound (or by hand) must not make the team's digest fail for everyone.
        await host.QueryAsync(db => db.Unscoped<Goal>().ExecuteUpdateAsync(s => s
            .SetProperty(g => g.DueDate, DateOnly.MaxValue).SetProperty(g => g.StartDate, DateOnly.MinValue)));
        await host.CommandAsync("U0ANA", "checkin");
        foreach (var who in new[] { "U0MAYA", "U0ANA" })
        {
            var digest = await host.CommandAsync(who, "digest");
            Assert.Equal(HttpStatusCode.OK, digest.StatusCode);
            var body = await digest.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain("Something went wrong", body);
            Assert.Contains("CEI", body);
        }
    }

    [Fact]
    public async Task An_upload_answer_without_an_upload_url_is_a_handled_error_not_a_500()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "help");
        host.Slack.Next("files.getUploadURLExternal", http => http.Response.WriteAsJsonAsync(new { ok = true, file_id = "F0FILE" }));

        var response = await host.CommandAsync("U0ANA", "export me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Something went wrong", await TextAsync(response));
        Assert.Empty(host.Slack.Of("files.completeUploadExternal"));
    }

    [Fact]
    public async Task A_display_name_longer_than_its_column_is_cut_to_fit()
    {
        await using var host = await SlackHost.StartAsync();
        host.Slack.Users["U0ANA"] = (new string('A', 250), "en-US");
        await host.CommandAsync("U0MAYA", "help");
        Assert.Equal(HttpStatusCode.OK, (await host.CommandAsync("U0ANA", "help")).StatusCode);
        var name = await host.QueryAsync(db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "U0ANA").Select(m => m.DisplayName).SingleAsync());
        Assert.Equal(Member.MaxName, name.Length);
        Assert.EndsWith("A…", name);
    }

    [Fact]
    public async Task A_failure_while_resolving_the_caller_gets_the_generic_error_reply()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("U0MAYA", "help");
        // The database refuses new members: a first-time speaker's join fails while the context is built.
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_members BEFORE INSERT ON Members BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"));
        host.Slack.Users["U0ZED"] = ("Zed", "en-US");

        var response = await host.CommandAsync("U0ZED", "help");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Something went wrong", await TextAsync(response));
    }
}
