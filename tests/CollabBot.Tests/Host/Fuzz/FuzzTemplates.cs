using System.Globalization;
using System.Text.Json.Nodes;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Privacy;
using CollabBot.Core.Features.Pulse;

namespace CollabBot.Tests.Host.Fuzz;

// Requests as Slack and Teams send them (shapes from the platforms' documentation), picked at random.
internal static class FuzzTemplates
{
    private static readonly string[] ActionIds =
    [
        PulseActions.Open, PulseActions.View, PulseActions.Submit, KudosActions.Compose, KudosActions.Submit, HandoffActions.Rate,
        HandoffActions.Submit, GoalActions.CheckInOpen, GoalActions.CheckInSubmit, PrivacyActions.Forget, HomeView.Open, DigestCards.OpenAction, "no.such",
    ];

    private static readonly string[] Words =
    [
        "help", "pulse now", "pulse status", "pulse questions", "pulse questions add trust Do you?", "pulse schedule fri 15:00", "pulse pause 1",
        "kudos {u} #teamwork great demo", "kudos {u} {u} thanks", "handoff {u} Acme renewal: budget known", "goal add Calls target 40",
        "goal team Pipeline target 100 by 2026-12-31", "goal list", "goal update 1 12", "checkin", "digest", "digest last explain", "digest 2026-W47",
        "settings timezone Europe/Paris", "settings language zh-Hans", "settings anonymity 5", "settings values #a #b", "role {u} manager",
        "deliveries", "deliveries retry", "export me", "", "   ", "💥 ünïcødé 测试", "<@>", "<@U0|>", "goal update 999999999999999999999 1",
        "pulse pause -5", "settings anonymity 2147483648", "digest 9999-W99",
    ];

    public static string Pick(Random rng, IReadOnlyList<string> items) => items[rng.Next(items.Count)];

    private static string Text(Random rng, FuzzTargets t, Func<string, string> mention) =>
        Pick(rng, Words).Replace("{u}", mention(Pick(rng, t.SlackUsers)), StringComparison.Ordinal);

    // Values as cards carry them: the round, a handoff, a goal — right, wrong or absurd.
    private static string CardValue(Random rng, FuzzTargets t)
    {
        var round = t.Rounds.Length == 0 ? (0L, 0L) : t.Rounds[rng.Next(t.Rounds.Length)];
        return rng.Next(8) switch
        {
            0 => "",
            1 => "r=abc&t=-1",
            2 => "r=99999999999999999999&h=%ZZ",
            3 => "h=1&to=" + Pick(rng, t.SlackUsers),
            4 => "=&&=x&r",
            _ => $"r={round.Item1}&t={round.Item2}",
        };
    }

    private static JsonObject StateValues(Random rng)
    {
        var values = new JsonObject();
        foreach (var q in PulseBank.All.Take(rng.Next(PulseBank.All.Count + 1)))
            values[q.Key] = new JsonObject { [q.Key] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = Pick(rng, ["1", "3", "5", "0", "6", "x", ""]) } } };
        values["comment"] = new JsonObject { ["comment"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "fine" } };
        values[HandoffActions.Quality] = new JsonObject { [HandoffActions.Quality] = new JsonObject { ["selected_option"] = new JsonObject { ["value"] = "4" } } };
        values[HandoffActions.Items] = new JsonObject { [HandoffActions.Items] = new JsonObject { ["selected_options"] = new JsonArray(new JsonObject { ["value"] = "budget" }) } };
        values[KudosActions.Message] = new JsonObject { [KudosActions.Message] = new JsonObject { ["value"] = "thanks" } };
        return values;
    }

    public static string SlackCommand(Random rng, FuzzTargets t) => Form(rng,
        ("team_id", t.SlackTeam), ("team_domain", "acme"), ("channel_id", rng.Next(5) == 0 ? "D0DM" : t.SlackChannel), ("channel_name", "sales"),
        ("user_id", Pick(rng, t.SlackUsers)), ("user_name", "someone"), ("command", "/collab"), ("text", Text(rng, t, u => $"<@{u}|{u.ToLowerInvariant()}>")),
        ("response_url", t.SlackResponseUrl), ("trigger_id", "1337.42.abcd"));

    public static JsonObject SlackInteraction(Random rng, FuzzTargets t)
    {
        var user = Pick(rng, t.SlackUsers);
        var common = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = t.SlackTeam },
            ["team"] = new JsonObject { ["id"] = t.SlackTeam },
            ["trigger_id"] = "trig-1",
            ["response_url"] = t.SlackResponseUrl,
        };
        switch (rng.Next(4))
        {
            case 0:
                common["type"] = "block_actions";
                common["channel"] = new JsonObject { ["id"] = t.SlackChannel };
                common["actions"] = new JsonArray(new JsonObject { ["action_id"] = Pick(rng, ActionIds), ["value"] = CardValue(rng, t), ["type"] = "button" });
                break;
            case 1:
                common["type"] = "message_action";
                common["callback_id"] = KudosActions.Compose;
                common["channel"] = new JsonObject { ["id"] = t.SlackChannel };
                common["message"] = new JsonObject { ["user"] = Pick(rng, t.SlackUsers), ["text"] = "nice", ["ts"] = "1.2" };
                break;
            default:
                common["type"] = rng.Next(6) == 0 ? "view_closed" : "view_submission";
                common["view"] = new JsonObject
                {
                    ["callback_id"] = Pick(rng, ActionIds),
                    ["private_metadata"] = CardValue(rng, t),
                    ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Weekly pulse" },
                    ["state"] = new JsonObject { ["values"] = StateValues(rng) },
                };
                break;
        }
        return common;
    }

    public static JsonObject SlackEvent(Random rng, FuzzTargets t)
    {
        if (rng.Next(8) == 0) return new JsonObject { ["type"] = "url_verification", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["token"] = "x" };
        var user = Pick(rng, t.SlackUsers);
        var e = rng.Next(5) switch
        {
            0 => new JsonObject { ["type"] = "app_mention", ["user"] = user, ["text"] = $"<@{t.SlackBot}> " + Text(rng, t, u => $"<@{u}>"), ["channel"] = t.SlackChannel, ["ts"] = "1.1" },
            1 => new JsonObject { ["type"] = "member_joined_channel", ["user"] = Pick(rng, [.. t.SlackUsers, "U0NEW" + rng.Next(100)]), ["channel"] = t.SlackChannel, ["team"] = t.SlackTeam },
            2 => new JsonObject { ["type"] = "member_left_channel", ["user"] = "U0GONE" + rng.Next(100), ["channel"] = t.SlackChannel, ["team"] = t.SlackTeam },
            3 => new JsonObject { ["type"] = "app_home_opened", ["user"] = user, ["tab"] = "home", ["channel"] = "D0DM" },
            _ => new JsonObject { ["type"] = "reaction_added", ["user"] = user, ["reaction"] = "tada" },
        };
        return new JsonObject
        {
            ["token"] = "unused",
            ["team_id"] = t.SlackTeam,
            ["api_app_id"] = "A0APP",
            ["type"] = "event_callback",
            ["event_id"] = "Ev" + rng.NextInt64(),
            ["event_time"] = 1764000000,
            ["event"] = e,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = t.SlackTeam, ["user_id"] = t.SlackBot, ["is_bot"] = true }),
        };
    }

    public static JsonObject TeamsActivity(Random rng, FuzzTargets t)
    {
        var user = Pick(rng, t.TeamsUsers);
        var personal = rng.Next(4) == 0;
        var id = rng.NextInt64().ToString(CultureInfo.InvariantCulture);
        var a = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "msteams",
            ["serviceUrl"] = t.TeamsServiceUrl,
            ["timestamp"] = "2026-11-27T01:00:00.000Z",
            ["locale"] = Pick(rng, ["en-US", "zh-CN", "xx", ""]),
            ["from"] = new JsonObject { ["id"] = user, ["name"] = "Someone", ["aadObjectId"] = "00000000-0000-4000-8000-000000000001" },
            ["recipient"] = new JsonObject { ["id"] = t.TeamsBot, ["name"] = "CollabBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = personal ? "a:1:" + user : t.TeamsChannel + ";messageid=" + id,
                ["conversationType"] = personal ? "personal" : "channel",
                ["tenantId"] = t.TeamsTenant,
            },
            ["channelData"] = personal ? new JsonObject { ["tenant"] = new JsonObject { ["id"] = t.TeamsTenant } } : new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = t.TeamsTenant },
                ["team"] = new JsonObject { ["id"] = t.TeamsChannel, ["name"] = "Sales" },
                ["channel"] = new JsonObject { ["id"] = t.TeamsChannel },
            },
        };
        switch (rng.Next(6))
        {
            case 0 or 1:
                var other = Pick(rng, t.TeamsUsers);
                a["text"] = (personal ? "" : "<at>CollabBot</at> ") + Text(rng, t, _ => "<at>Other</at>");
                a["entities"] = new JsonArray(
                    new JsonObject { ["type"] = "mention", ["text"] = "<at>CollabBot</at>", ["mentioned"] = new JsonObject { ["id"] = t.TeamsBot, ["name"] = "CollabBot" } },
                    new JsonObject { ["type"] = "mention", ["text"] = "<at>Other</at>", ["mentioned"] = new JsonObject { ["id"] = other, ["name"] = "Other" } });
                break;
            case 2:
                a["type"] = "invoke";
                a["name"] = "adaptiveCard/action";
                var verb = Pick(rng, ActionIds);
                a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = Data(rng, t, verb) }, ["trigger"] = "manual" };
                break;
            case 3:
                a["type"] = "invoke";
                a["name"] = Pick(rng, ["task/fetch", "task/submit", "composeExtension/query", "signin/verifyState"]);
                a["value"] = new JsonObject { ["data"] = Data(rng, t, Pick(rng, ActionIds)), ["context"] = new JsonObject { ["theme"] = "dark" } };
                break;
            case 4:
                a["type"] = Pick(rng, ["conversationUpdate", "installationUpdate"]);
                a["action"] = Pick(rng, ["add", "remove", "add-upgrade"]);
                a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Pick(rng, [.. t.TeamsUsers, "29:1newcomer"]) });
                a["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = "29:1leaver" + rng.Next(100) });
                break;
            default:
                a["type"] = Pick(rng, ["typing", "messageReaction", "event", "endOfConversation", ""]);
                // An older card's Action.Submit arrives as a message whose value holds the data.
                if (rng.Next(2) == 0) { a["type"] = "message"; a["value"] = Data(rng, t, Pick(rng, ActionIds)); }
                break;
        }
        return a;
    }

    private static JsonObject Data(Random rng, FuzzTargets t, string verb)
    {
        var data = new JsonObject { ["verb"] = verb };
        foreach (var part in CardValue(rng, t).Split('&', StringSplitOptions.RemoveEmptyEntries))
            if (part.Split('=') is [var k, var v] && k.Length > 0) data[k] = v;
        if (rng.Next(2) == 0)
            foreach (var q in PulseBank.All.Take(rng.Next(PulseBank.All.Count))) data[q.Key] = Pick(rng, ["1", "5", "9", "x"]);
        if (rng.Next(3) == 0) data["quality"] = rng.Next(2) == 0 ? 4 : "4";
        return data;
    }

    public static string Form(Random rng, params (string Key, string Value)[] fields)
    {
        var list = fields.ToList();
        // Slack leaves fields out and adds new ones; drop one sometimes, duplicate one sometimes.
        if (rng.Next(6) == 0) list.RemoveAt(rng.Next(list.Count));
        if (rng.Next(8) == 0) list.Add(list[rng.Next(list.Count)]);
        return string.Join('&', list.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
    }
}
