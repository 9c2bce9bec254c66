using System.Text.Json.Nodes;
using CollabBot.Core.Features.Kudos;

namespace CollabBot.Tests.Slack;

// The kudos modal as Slack submits it (view_submission): Ben thanks Ana unless told otherwise.
internal static class SlackKudosWire
{
    public static JsonObject Submission(string message, string? value = null)
    {
        var values = new JsonObject
        {
            ["message"] = new JsonObject { ["message"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = message } },
        };
        if (value is not null)
            values["value"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } } };
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = "U0BEN" },
            ["team"] = new JsonObject { ["id"] = "T0ACME" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = KudosActions.Submit,
                ["private_metadata"] = "to=U0ANA",
                ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Give kudos" },
                ["state"] = new JsonObject { ["values"] = values },
            },
        };
    }
}
