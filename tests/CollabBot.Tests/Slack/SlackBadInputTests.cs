using System.Globalization;
using System.Net;
using System.Text;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Slack;

// Cases of the kind the fuzz run (Host/FuzzTests) looks for: correctly signed bodies whose JSON
// has a field of the wrong type, invalid UTF-8 or a lone surrogate escape, which could throw
// deep inside a handler (a 500). Each gets 400 before anything is looked up or stored.
public sealed class SlackBadInputTests
{
    [Theory]
    [InlineData("""{"type":"block_actions","user":"U0ANA","team":{"id":"T0ACME"}}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U0ANA"},"team":[1],"actions":{"action_id":"pulse.open"}}""")]
    [InlineData("""{"type":"view_submission","user":{"id":"U0ANA"},"team":{"id":"T0ACME"},"view":"pulse.submit"}""")]
    [InlineData("""{"type":"view_submission","user":{"id":"U0ANA"},"team":{"id":"T0ACME"},"view":{"callback_id":"pulse.submit","state":{"values":[1]},"title":"x"}}""")]
    [InlineData("""{"type":"message_action","user":{"id":"U0ANA"},"team":{"id":"T0ACME"},"callback_id":"kudos.compose","message":[]}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"\ud800"},"team":{"id":"T0ACME"}}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U0ANA","id":"U0BEN"},"team":{"id":"T0ACME"}}""")]
    public async Task An_interaction_with_fields_of_the_wrong_type_is_answered_without_a_500(string payload)
    {
        await using var host = await SlackHost.StartAsync();
        var response = await host.InteractionAsync(payload);
        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("""{"type":"event_callback","event_id":"Ev2","team_id":"T0ACME","authorizations":{"user_id":"UBOT"},"event":{"type":"member_joined_channel","user":"UBOT","channel":"C0SALES"}}""")]
    [InlineData("""{"type":"event_callback","event_id":"Ev3","team_id":"T0ACME","authorizations":[],"event":{"type":"app_home_opened","user":"U0ANA","tab":7}}""")]
    [InlineData("""{"type":"event_callback","event_id":"Ev4","team_id":"\ud800","event":{"type":"app_mention","user":"U0ANA","channel":"C0SALES","text":"help"}}""")]
    public async Task An_event_with_fields_of_the_wrong_type_is_answered_without_a_500_and_stores_nothing(string json)
    {
        await using var host = await SlackHost.StartAsync();
        var response = await host.EventAsync(json);
        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Member>().CountAsync()));
    }

    [Fact]
    public async Task An_event_body_with_invalid_utf8_is_refused_with_400_and_stores_nothing()
    {
        await using var host = await SlackHost.StartAsync();
        var json = Encoding.UTF8.GetBytes("""{"type":"event_callback","event_id":"Ev9","team_id":"T0ACME","event":{"type":"app_mention","user":"U0ANA","channel":"C0SALES","text":"X"}}""");
        var bad = json.SelectMany(b => b == (byte)'X' ? new byte[] { 0xC3, 0x28 } : [b]).ToArray();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(bad) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", CollabBot.Slack.Wire.SlackSignature.Sign(SlackHost.Secret, ts, bad));

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.SendAsync(request)).StatusCode);
        Assert.Equal(0, await host.QueryAsync(db => db.Unscoped<Workspace>().CountAsync()));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://hooks.slack.example/x")]
    [InlineData("/relative/path")]
    [InlineData("https://hoo\uFFFDks.example/x")]
    public async Task An_action_whose_response_url_is_not_an_absolute_http_url_is_answered_through_the_web_api(string responseUrl)
    {
        await using var host = await SlackHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.CommandAsync("U0MAYA", "help")).StatusCode);
        var payload = $$"""
            {"type":"block_actions","user":{"id":"U0ANA","team_id":"T0ACME"},"team":{"id":"T0ACME"},"channel":{"id":"C0SALES"},
             "response_url":"{{responseUrl}}","actions":[{"action_id":"no.such","value":"","type":"button"}]}
            """;
        var response = await host.InteractionAsync(payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(host.Slack.Of("chat.postEphemeral").Concat(host.Slack.Of("chat.postMessage")));
    }
}
