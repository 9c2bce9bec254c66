using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Cards;
using CollabBot.Teams.AdaptiveCards;

namespace CollabBot.Tests.Teams;

public sealed class AdaptiveCardRendererTests
{
    private static Card Sample(params CardElement[] body) => new("test.card", "fallback <@U1>", body);

    private static string Text(JsonObject card, int i) => (string)card["body"]![i]!["text"]!;

    [Fact]
    public void Mentions_of_people_in_the_lookup_become_at_tags_with_one_entity_each_and_anyone_else_plain_text()
    {
        var card = AdaptiveCardRenderer.Card(Sample(new TextBlock("<@U1|Boss> thanks <@29:1aB-x_9|Bob Li> and <@U1> and <@U404>")),
            new Dictionary<string, string> { ["U1"] = "Ana Ruiz" });

        // The roster's name wins over the one the mention carried; nobody outside it is mentioned.
        Assert.Equal("<at>Ana Ruiz</at> thanks Bob Li and <at>Ana Ruiz</at> and U404", Text(card, 0));
        var entity = Assert.Single(card["msteams"]!["entities"]!.AsArray());
        Assert.Equal(("mention", "U1", "Ana Ruiz", "<at>Ana Ruiz</at>"),
            ((string)entity!["type"]!, (string)entity["mentioned"]!["id"]!, (string)entity["mentioned"]!["name"]!, (string)entity["text"]!));
        Assert.Equal("fallback Ana Ruiz", (string)card["fallbackText"]!);
    }

    [Fact]
    public void A_card_without_mentions_has_no_teams_keys()
    {
        var card = AdaptiveCardRenderer.Card(new Card("kudos.x", "plain", [new TextBlock("hello")]));
        Assert.Null(card["msteams"]);
    }

    [Fact]
    public void Plain_text_is_neutralised_for_teams_markdown()
    {
        var card = AdaptiveCardRenderer.Card(Sample(new TextBlock("*not bold* _nor this_ [a](https://x.io) {{DATE(2026-01-01T00:00:00Z)}} <at>Boss</at> AT&amp;T C:\\temp `code` [x]\nnext")));
        Assert.Equal("\\*not bold\\* \\_nor this\\_ \\[a](https://x.io) {\u200B{DATE(2026-01-01T00:00:00Z)}} <\u200Bat>Boss<\u200B/at> AT\\&amp;T C:\\temp `code` [x]\n\nnext", Text(card, 0));
        Assert.Null(card["msteams"]?["entities"]);
    }

    [Fact]
    public void Buttons_open_dialogs_links_or_universal_actions()
    {
        var card = AdaptiveCardRenderer.Card(Sample(new ActionRow([
            new CardAction("pulse.open", "Answer", new Dictionary<string, string> { ["r"] = "12", ["t"] = "1" }, ActionStyle.Primary, OpensForm: true),
            new CardAction("docs.open", "Read more", Url: "https://collabbot.example.com/docs"),
            new CardAction("privacy.forget", "Erase", new Dictionary<string, string> { ["t"] = "1" }, ActionStyle.Danger),
        ])));
        Assert.Null(card["body"]!.AsArray().FirstOrDefault(e => (string?)e!["type"] == "ActionSet"));
        var (dialog, link, execute) = (card["actions"]![0]!, card["actions"]![1]!, card["actions"]![2]!);

        Assert.Equal("Action.Submit", (string)dialog["type"]!);
        Assert.Equal("task/fetch", (string)dialog["data"]!["msteams"]!["type"]!);
        Assert.Equal("pulse.open", (string)dialog["data"]!["verb"]!);
        Assert.Equal(("12", "1"), ((string)dialog["data"]!["r"]!, (string)dialog["data"]!["t"]!));
        Assert.Equal("positive", (string)dialog["style"]!);

        Assert.Equal("Action.OpenUrl", (string)link["type"]!);
        Assert.Equal("https://collabbot.example.com/docs", (string)link["url"]!);

        Assert.Equal("Action.Execute", (string)execute["type"]!);
        Assert.Equal("privacy.forget", (string)execute["verb"]!);
        Assert.Equal("""{"t":"1"}""", execute["data"]!.ToJsonString());
        Assert.Equal("destructive", (string)execute["style"]!);
    }

    [Fact]
    public void Action_rows_that_are_not_the_one_last_row_stay_in_the_body()
    {
        var row = new ActionRow([new CardAction("goal.list", "Goals")]);
        var card = AdaptiveCardRenderer.Card(Sample(row, new TextBlock("between"), row));
        Assert.Null(card["actions"]);
        Assert.Equal(["ActionSet", "TextBlock", "ActionSet"], card["body"]!.AsArray().Select(e => (string)e!["type"]!));
    }

    [Fact]
    public void Field_errors_from_the_core_show_on_their_inputs_and_required_inputs_get_a_generic_message()
    {
        var form = new Form("checkin.submit", "Weekly check-in", "Submit",
            [new NumberInput("v7", "Current value"), new TextInput("b7", "Blocker"), new LikertInput("c7", "Confidence", "Low", "High")],
            new Dictionary<string, string> { ["goals"] = "7" });
        var card = AdaptiveCardRenderer.Form(form, new Dictionary<string, string> { ["v7"] = "Please enter a number.", ["form"] = "Something went wrong." });

        var body = card["body"]!.AsArray();
        JsonNode Input(string id) => body.Single(e => (string?)e!["id"] == id)!;
        Assert.Equal("Please enter a number.", (string)Input("v7")["errorMessage"]!);
        Assert.Null(Input("b7")["errorMessage"]);
        Assert.Equal("Please fill this in.", (string)Input("c7")["errorMessage"]!);
        var shown = body.Where(e => (string?)e!["color"] == "attention").Select(e => (string)e!["text"]!).ToList();
        Assert.Equal(["Something went wrong.", "Please enter a number."], shown);

        var chinese = AdaptiveCardRenderer.Form(form with { Title = "每周签到", SubmitLabel = "提交" });
        Assert.Equal("请填写此项。", (string)chinese["body"]!.AsArray().Single(e => (string?)e!["id"] == "v7")!["errorMessage"]!);
    }

    [Fact]
    public void A_form_submits_inputs_and_state_in_one_universal_action()
    {
        var form = new Form("handoff.submit", "Rate the handoff", "Send",
            [new ChoiceInput("items", "Included", [new("budget", "Budget"), new("crm", "CRM")], Multi: true, Selected: ["crm", "budget"]),
             new ChoiceInput("pick", "One", [new("a", "A"), new("b", "B")], Selected: ["b"]),
             new TextInput("comment", "Comment", "optional", Multiline: true, MaxLength: 1000, Value: "ok")],
            new Dictionary<string, string> { ["h"] = "31" });
        var card = AdaptiveCardRenderer.Form(form);

        var submit = card["actions"]!.AsArray().Single()!;
        Assert.Equal(("Action.Execute", "handoff.submit", "Send"), ((string)submit["type"]!, (string)submit["verb"]!, (string)submit["title"]!));
        Assert.Equal("""{"h":"31"}""", submit["data"]!.ToJsonString());
        var body = card["body"]!.AsArray();
        Assert.Equal("Rate the handoff", Text(card, 0));
        Assert.Equal(("expanded", true, "budget,crm"), ((string)body[1]!["style"]!, (bool)body[1]!["isMultiSelect"]!, (string)body[1]!["value"]!));
        Assert.Equal(("compact", "b"), ((string)body[2]!["style"]!, (string)body[2]!["value"]!));
        Assert.Equal((true, 1000, "optional", "ok"), ((bool)body[3]!["isMultiline"]!, (int)body[3]!["maxLength"]!, (string)body[3]!["placeholder"]!, (string)body[3]!["value"]!));
    }

    [Fact]
    public void A_dialog_is_a_task_module_value_whose_card_submits_the_state()
    {
        var form = new Form("pulse.submit", "Weekly pulse", "Submit", [new LikertInput("role.b", "Clear roles", "Disagree", "Agree", Value: 4)],
            new Dictionary<string, string> { ["r"] = "12" });
        var dialog = AdaptiveCardRenderer.Dialog(form, new Dictionary<string, string> { ["role.b"] = "Pick one" });

        Assert.Equal("Weekly pulse", (string)dialog["title"]!);
        Assert.Equal(AdaptiveCardRenderer.ContentType, (string)dialog["card"]!["contentType"]!);
        var content = dialog["card"]!["content"]!;
        Assert.Equal(("AdaptiveCard", "1.5"), ((string)content["type"]!, (string)content["version"]!));
        var submit = content["actions"]!.AsArray().Single()!;
        Assert.Equal("Action.Submit", (string)submit["type"]!);
        Assert.Equal("""{"verb":"pulse.submit","r":"12"}""", submit["data"]!.ToJsonString());
        var input = content["body"]![0]!;                              // no heading: the dialog has a title bar
        Assert.Equal(("Input.ChoiceSet", "4", "Pick one"), ((string)input["type"]!, (string)input["value"]!, (string)input["errorMessage"]!));
        Assert.Equal(["1 · Disagree", "2", "3", "4", "5 · Agree"], input["choices"]!.AsArray().Select(c => (string)c!["title"]!));
    }

    [Fact]
    public void Refresh_lists_at_most_60_users_once_each()
    {
        var ids = Enumerable.Range(0, 100).Select(i => $"29:user{i}").ToList();
        var card = AdaptiveCardRenderer.Card(Sample(new TextBlock("status")));
        var refreshed = AdaptiveCardRenderer.RefreshFor(card, "pulse.status", new Dictionary<string, string> { ["r"] = "12" }, [ids[0], .. ids]);

        var refresh = refreshed["refresh"]!;
        Assert.Equal(["29:user0", "29:user1"], refresh["userIds"]!.AsArray().Take(2).Select(u => (string)u!));
        Assert.Equal(AdaptiveCardRenderer.MaxRefreshUsers, refresh["userIds"]!.AsArray().Count);
        Assert.Equal("""{"type":"Action.Execute","verb":"pulse.status","data":{"r":"12"}}""", refresh["action"]!.ToJsonString());
        Assert.Equal(AdaptiveCardRenderer.ContentType, (string)AdaptiveCardRenderer.Attachment(refreshed)["contentType"]!);
    }

    [Fact]
    public void An_oversized_card_drops_text_from_the_end_and_keeps_its_buttons()
    {
        var body = Enumerable.Range(0, 40).Select(i => (CardElement)new TextBlock($"<@U{i}> " + new string('x', 2000))).Append(new ActionRow([new CardAction("a.b", "Go")])).ToArray();
        var card = AdaptiveCardRenderer.Card(Sample(body), Enumerable.Range(0, 40).ToDictionary(i => $"U{i}", i => $"Person {i}"));

        Assert.InRange(Encoding.UTF8.GetByteCount(card.ToJsonString()), 1, AdaptiveCardRenderer.MaxCardBytes);
        Assert.Equal("…", (string)card["body"]!.AsArray().Last()!["text"]!);
        Assert.Equal("a.b", (string)card["actions"]![0]!["verb"]!);
        var kept = card["body"]!.AsArray().Count - 1;
        Assert.Equal(kept, card["msteams"]!["entities"]!.AsArray().Count);  // mentions of dropped text are gone too
    }
}
