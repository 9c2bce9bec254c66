using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Pulse;
using CollabBot.Slack.Wire;

namespace CollabBot.Benchmarks;

// Requests as Slack and the Bot Connector send them to the seeded workspace and tenant of
// FanoutSeed: signed with the configured signing secret, or carrying a Connector token.
internal sealed class TwoInstanceTraffic(RecordingPlatforms platforms)
{
    private long _activityIds = 1_800_000_000_000;

    public static string SlackUser(int team, int member) => $"U{team:D2}{member:D4}";
    public static string TeamsUser(int team, int member) => $"29:crash{team}-{member}";

    private static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    public static HttpRequestMessage Signed(string path, string body, string contentType)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(SlackLoadSetup.SigningSecret, ts, bytes));
        return request;
    }

    public HttpRequestMessage SlackKudos(int team, int from, int to) => Signed("/slack/commands", Form(
        ("team_id", FanoutSeed.SlackTeam), ("channel_id", $"C0CRASH{team:D2}"), ("user_id", SlackUser(team, from)), ("command", "/collab"),
        ("text", $"kudos <@{SlackUser(team, to)}|rep> great demo"), ("response_url", platforms.BaseUrl + "/api/response_url"), ("trigger_id", "1.2.3")),
        "application/x-www-form-urlencoded");

    // The pulse modal submitted (view_submission), every question answered 4.
    public static HttpRequestMessage SlackAnswer(int team, int member, long round, long teamId) => Signed("/slack/interactions",
        "payload=" + Uri.EscapeDataString(new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = FanoutSeed.SlackTeam },
            ["user"] = new JsonObject { ["id"] = SlackUser(team, member) },
            ["view"] = new JsonObject
            {
                ["callback_id"] = PulseActions.Submit,
                ["private_metadata"] = $"r={round}&t={teamId}",
                ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Weekly pulse" },
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject([.. PulseBank.All.Select(q => new KeyValuePair<string, JsonNode?>(q.Key,
                    new JsonObject { [q.Key] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = "4" } } }))])
                },
            },
        }.ToJsonString()), "application/x-www-form-urlencoded");

    // An @mention carrying kudos (Events API); the same event_id is what Slack retries with.
    public static HttpRequestMessage SlackMentionEvent(string eventId, int team, int from, int to) => Signed("/slack/events", new JsonObject
    {
        ["team_id"] = FanoutSeed.SlackTeam,
        ["api_app_id"] = "A0CRASH",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1764000000,
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = SlackUser(team, from),
            ["text"] = $"<@UBOT> kudos <@{SlackUser(team, to)}> thanks for the deck",
            ["channel"] = $"C0CRASH{team:D2}",
            ["ts"] = "1.1",
        },
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = FanoutSeed.SlackTeam, ["user_id"] = "UBOT", ["is_bot"] = true }),
    }.ToJsonString(), "application/json");

    // "@CollabBot kudos @Rep great demo" in a Teams channel.
    public JsonObject TeamsKudos(int team, int from, int to)
    {
        var id = Interlocked.Increment(ref _activityIds).ToString(CultureInfo.InvariantCulture);
        var channel = $"19:crash{team}@thread.tacv2";
        var bot = "28:" + BotFrameworkIdentity.AppId;
        var name = $"Rep {team}-{to}";
        return new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "msteams",
            ["serviceUrl"] = platforms.ServiceUrl,
            ["locale"] = "en-US",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["text"] = $"<at>CollabBot</at> kudos <at>{name}</at> great demo",
            ["from"] = new JsonObject { ["id"] = TeamsUser(team, from), ["name"] = $"Rep {team}-{from}" },
            ["recipient"] = new JsonObject { ["id"] = bot, ["name"] = "CollabBot" },
            ["conversation"] = new JsonObject { ["id"] = $"{channel};messageid={id}", ["conversationType"] = "channel", ["tenantId"] = FanoutSeed.Tenant, ["isGroup"] = true },
            ["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = FanoutSeed.Tenant },
                ["team"] = new JsonObject { ["id"] = channel, ["name"] = $"Teams team {team}" },
                ["channel"] = new JsonObject { ["id"] = channel },
            },
            ["entities"] = new JsonArray(
                new JsonObject { ["type"] = "mention", ["text"] = "<at>CollabBot</at>", ["mentioned"] = new JsonObject { ["id"] = bot, ["name"] = "CollabBot" } },
                new JsonObject { ["type"] = "mention", ["text"] = $"<at>{name}</at>", ["mentioned"] = new JsonObject { ["id"] = TeamsUser(team, to), ["name"] = name } }),
        };
    }

    public HttpRequestMessage Teams(JsonObject activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + platforms.Identity.Token(platforms.ServiceUrl));
        return request;
    }
}
