using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Teams;

// Cases of the kind the fuzz run (Host/FuzzTests) looks for: activities with a genuine token
// whose JSON has a field of the wrong type, invalid UTF-8 or a lone surrogate escape, which
// could throw deep inside a handler (a 500). Each is answered without a 500, and a refused
// one stores nothing.
public sealed class TeamsBadInputTests
{
    [Theory]
    [InlineData("conversation", "\"19:sales@thread.tacv2\"")]
    [InlineData("from", "[\"29:1ana\"]")]
    [InlineData("channelData", "{\"team\":\"x\",\"tenant\":7}")]
    [InlineData("entities", "[1,{\"type\":\"mention\",\"mentioned\":\"bot\"}]")]
    [InlineData("text", "\"\\ud800 help\"")]
    public async Task An_activity_with_a_field_of_the_wrong_type_is_answered_without_a_500(string field, string json)
    {
        await using var host = await TeamsHost.StartAsync();
        var activity = host.Command("29:1ana", "help").ToJsonString();
        // Written as text: a lone surrogate cannot live in a JsonNode.
        var body = activity.Replace("\"" + field + "\":", "\"" + field + "\":" + json + ",\"was_" + field + "\":", StringComparison.Ordinal);
        if (!body.Contains("was_" + field, StringComparison.Ordinal)) body = body.TrimEnd('}') + ",\"" + field + "\":" + json + "}";

        var response = await host.PostRawAsync(body, host.Bearer());

        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
    }

    [Fact]
    public async Task An_invoke_whose_action_is_not_an_object_gets_an_error_answer_not_a_500()
    {
        await using var host = await TeamsHost.StartAsync();
        var invoke = host.Invoke("29:1ana", "adaptiveCard/action", new JsonObject { ["action"] = "home.open" });
        var response = await host.PostAsync(invoke);
        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_body_with_invalid_utf8_is_refused_with_400_and_stores_nothing()
    {
        await using var host = await TeamsHost.StartAsync();
        var json = Encoding.UTF8.GetBytes(host.Command("29:1ana", "X").ToJsonString());
        var at = Array.IndexOf(json, (byte)'X');
        byte[] bad = [.. json[..at], 0xED, 0xA0, 0x80, .. json[(at + 1)..]];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(bad) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(host.Bearer());

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.SendAsync(request)).StatusCode);
        Assert.Equal(0, await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Workspace>().CountAsync()));
    }
}
