using System.Globalization;
using System.Text.Json.Nodes;

namespace CollabBot.Benchmarks;

// Activities as the Bot Connector delivers them from a Teams channel: each from the next member
// in turn (spread over every team), each with an id of its own so the host's duplicate check
// never answers from memory. Pulse answers count members on their own, like the Slack load:
// every answer comes from a member who has not answered yet (30,000 members; warm-up, lead-in
// and measured phase use 23,000), so the measured path is the full write, not the refusal.
internal sealed class TeamsLoadActivities(string serviceUrl, string appId, int teams, int size)
{
    private const string BotName = "CollabBot";
    private long _next;
    private long _answers;
    private int _messages, _invokes;

    public int Messages => Volatile.Read(ref _messages);
    public int Invokes => Volatile.Read(ref _invokes);
    private string BotId => "28:" + appId;

    // `@CollabBot help` typed in the team's channel, as a new post.
    public JsonObject Message()
    {
        Interlocked.Increment(ref _messages);
        var (activity, _) = Common("message");
        activity["text"] = $"<at>{BotName}</at> help";
        activity["textFormat"] = "plain";
        activity["entities"] = new JsonArray(
            new JsonObject { ["type"] = "mention", ["text"] = $"<at>{BotName}</at>", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName } },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web" });
        return activity;
    }

    // A button on a card the bot posted earlier (Action.Execute), answered in the response.
    public JsonObject Invoke(string verb)
    {
        Interlocked.Increment(ref _invokes);
        var (activity, id) = Common("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = (id - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["verb"] = verb } },
            ["trigger"] = "manual",
        };
        return activity;
    }

    // The pulse dialog submitted (task/submit): every question answered 4, for the member's team's round.
    public JsonObject Answer((long Round, long Team)[] rounds)
    {
        Interlocked.Increment(ref _invokes);
        var person = Interlocked.Increment(ref _answers) - 1;
        var (activity, _) = Common("invoke", person);
        var team = (int)(person % teams);
        activity["name"] = "task/submit";
        var data = new JsonObject { ["verb"] = Core.Features.Pulse.PulseActions.Submit, ["r"] = rounds[team].Round.ToString(CultureInfo.InvariantCulture), ["t"] = rounds[team].Team.ToString(CultureInfo.InvariantCulture) };
        foreach (var q in Core.Features.Pulse.PulseBank.All) data[q.Key] = "4";
        activity["value"] = new JsonObject { ["data"] = data };
        return activity;
    }

    private (JsonObject Activity, long Id) Common(string type, long? person = null)
    {
        var i = Interlocked.Increment(ref _next) - 1;
        var who = person ?? i;
        var (team, member) = ((int)(who % teams), (int)(who / teams % size));
        var id = 1_700_000_000_000 + i;
        var channel = TeamsIds.Channel(team);
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["localTimestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = TeamsIds.User(team, member), ["name"] = TeamsIds.Name(team, member), ["aadObjectId"] = $"00000000-0000-4000-8000-{team:D4}{member:D8}" },
            ["conversation"] = new JsonObject
            {
                ["isGroup"] = true,
                ["conversationType"] = "channel",
                ["tenantId"] = TeamsIds.Tenant,
                ["id"] = $"{channel};messageid={id}",
            },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["channelData"] = new JsonObject
            {
                ["teamsChannelId"] = channel,
                ["teamsTeamId"] = channel,
                ["channel"] = new JsonObject { ["id"] = channel },
                ["team"] = new JsonObject { ["id"] = channel },
                ["tenant"] = new JsonObject { ["id"] = TeamsIds.Tenant },
            },
        };
        return (activity, id);
    }
}
