using System.Globalization;
using System.Text.Json;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Privacy;
using CollabBot.Core.Features.Pulse;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Privacy;

public sealed class PrivacyTests
{
    [Fact]
    public async Task Export_me_returns_the_members_own_data_without_pulse_answers()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-ANA", "goal add Pipeline target 100");
        await chat.SayAsync("U-ANA", "kudos <@U-BEN> thanks for the deck");
        await chat.SayAsync("U-CHLOE", "kudos <@U-ANA> great call");
        var file = Assert.IsType<FileReply>(await chat.SayAsync("U-ANA", "export me"));
        Assert.Contains("can't be linked back to you", file.Text);
        using var json = JsonDocument.Parse(file.Content);
        Assert.Equal("Pipeline", json.RootElement.GetProperty("goals")[0].GetProperty("title").GetString());
        Assert.Equal("thanks for the deck", json.RootElement.GetProperty("kudosGiven")[0].GetProperty("message").GetString());
        Assert.Equal("Chloe", json.RootElement.GetProperty("kudosReceived")[0].GetProperty("from").GetString());
        Assert.Contains("cannot be exported", json.RootElement.GetProperty("pulse").GetProperty("answers").GetString());
        Assert.Contains("Usage: export me", ReplyText.Of(await chat.SayAsync("U-ANA", "export everyone")));
    }

    [Fact]
    public async Task Forget_me_asks_first_then_erases_and_says_what_was_kept()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-ANA", "goal add Pipeline target 100");
        await chat.SayAsync("U-ANA", "kudos <@U-BEN> thanks for the deck");
        await chat.SayAsync("U-BEN", "kudos <@U-ANA> great call");
        await chat.SayAsync("U-MAYA", "pulse now");
        var roundId = (await chat.QueryAsync(db => db.Unscoped<PulseRound>().SingleAsync())).Id.ToString(CultureInfo.InvariantCulture);
        var form = ((FormReply)await chat.ClickAsync("U-ANA", PulseActions.Open, new Dictionary<string, string> { ["r"] = roundId })).Form;
        await chat.SubmitFormAsync("U-ANA", form, form.Fields.OfType<LikertInput>().ToDictionary(q => q.Id, _ => "5"));

        var confirm = Assert.IsType<CardReply>(await chat.SayAsync("U-ANA", "forget me"));
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<Goal>().CountAsync()));   // nothing erased before the click
        var button = confirm.Card.Body.OfType<ActionRow>().Single().Actions.Single();
        var done = Assert.IsType<UpdateCardReply>(await chat.ClickAsync("U-ANA", button.ActionId, button.Payload));
        Assert.Contains("anonymous pulse answers", ReplyText.Of(done));

        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<Goal>().CountAsync()));
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync()));   // Ben's kudos stays, to a former member
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync())); // anonymous, kept
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<PulseAnswerMark>().CountAsync()));   // names nobody, keeps her to one answer
        Assert.False(await chat.QueryAsync(db => db.Unscoped<CollabBot.Core.Storage.Member>().AnyAsync(m => m.DisplayName == "Ana" || m.PlatformUserId == "U-ANA")));
        // Ana is no longer known: speaking again in the channel makes her a new member.
        Assert.Contains("Usage", ReplyText.Of(await chat.SayAsync("U-ANA", "kudos")));
    }

    // Ana is in #sales and #emea: one person, two member rows. Asking from either covers both.
    [Fact]
    public async Task Export_and_forget_cover_every_team_the_person_is_in()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.DispatchAsync(new Interaction(CollabBot.Core.Storage.Platform.Slack, TestChat.Workspace, "U-MAYA", "C-EMEA", InteractionKind.Install, "",
            UserName: "Maya", Users: new Dictionary<string, string> { ["U-ANA"] = "Ana", ["U-BEN"] = "Ben" }, ConversationName: "emea"));
        await chat.SayAsync("U-ANA", "goal add Pipeline target 100");
        await chat.SayAsync("U-ANA", "goal add EMEA renewals target 20", conversation: "C-EMEA");
        await chat.SayAsync("U-ANA", "kudos <@U-BEN> thanks for the EMEA intro", conversation: "C-EMEA");
        Assert.Equal(2, await chat.QueryAsync(db => db.Unscoped<CollabBot.Core.Storage.Member>().CountAsync(m => m.PlatformUserId == "U-ANA")));

        var file = Assert.IsType<FileReply>(await chat.SayAsync("U-ANA", "export me"));
        using (var json = JsonDocument.Parse(file.Content))
        {
            Assert.Equal(["emea", "sales"], json.RootElement.GetProperty("memberships").EnumerateArray().Select(m => m.GetProperty("team").GetString()).Order());
            Assert.Equal(["EMEA renewals", "Pipeline"], json.RootElement.GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("title").GetString()).Order());
            Assert.Equal("thanks for the EMEA intro", json.RootElement.GetProperty("kudosGiven")[0].GetProperty("message").GetString());
        }

        var confirm = Assert.IsType<CardReply>(await chat.SayAsync("U-ANA", "forget me"));
        var button = confirm.Card.Body.OfType<ActionRow>().Single().Actions.Single();
        await chat.ClickAsync("U-ANA", button.ActionId, button.Payload);
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<Goal>().CountAsync()));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<KudosPost>().CountAsync()));
        Assert.False(await chat.QueryAsync(db => db.Unscoped<CollabBot.Core.Storage.Member>().AnyAsync(m => m.DisplayName == "Ana" || m.PlatformUserId == "U-ANA")));
        Assert.Equal(2, await chat.QueryAsync(db => db.Unscoped<CollabBot.Core.Storage.Member>().CountAsync(m => m.DisplayName == Erasure.FormerMember)));
    }
}

public sealed class SnapshotRedactionTests
{
    [Fact]
    public void Only_the_erased_name_goes_not_keys_figures_or_other_names()
    {
        const string json = """{"week":"2026-W47","cei":{"score":71.5},"managerInsights":[{"kind":"no-kudos","text":"Received no kudos in the last 4 weeks: Dan, Daniel.","evidence":{"names":["Dan","Daniel"],"count":2}}],"goals":[{"ownerName":"Dan"}]}""";
        var redacted = CollabBot.Core.Features.Privacy.SnapshotRedaction.Redact(json, "Dan", "former member");
        var doc = System.Text.Json.JsonDocument.Parse(redacted).RootElement;
        var insight = doc.GetProperty("managerInsights")[0];
        Assert.Equal("Received no kudos in the last 4 weeks: former member, Daniel.", insight.GetProperty("text").GetString());
        Assert.Equal(["former member", "Daniel"], insight.GetProperty("evidence").GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("former member", doc.GetProperty("goals")[0].GetProperty("ownerName").GetString());
        Assert.Equal(71.5, doc.GetProperty("cei").GetProperty("score").GetDouble());
        Assert.Equal("2026-W47", doc.GetProperty("week").GetString());
        var keys = System.Text.Json.JsonDocument.Parse(CollabBot.Core.Features.Privacy.SnapshotRedaction.Redact(json, "week", "x")).RootElement;
        Assert.Equal("2026-W47", keys.GetProperty("week").GetString());                 // a name equal to a key changes no key
    }
}
