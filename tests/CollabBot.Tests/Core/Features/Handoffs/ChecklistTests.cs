using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Handoffs;

// Checklists per role pair: defaults along the chain, the team's own copy once an admin edits
// it, and the rating form and its record following the pair's list.
public sealed class ChecklistTests
{
    private static async Task<TestChat> ChainAsync()
    {
        var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-MAYA", "role <@U-BEN> sdr");
        await chat.SayAsync("U-MAYA", "role <@U-ANA> ae");
        await chat.SayAsync("U-MAYA", "role <@U-CHLOE> csm");
        return chat;
    }

    private static async Task<Form> RatingFormAsync(TestChat chat, string giver, string receiver, string subject)
    {
        await chat.SayAsync(giver, $"handoff <@{receiver}> {subject}");
        var card = TestChat.CardOf((await chat.OutboxAsync()).Last(m => m.IdempotencyKey.EndsWith(":received", StringComparison.Ordinal)));
        var rate = card.Body.OfType<ActionRow>().Single().Actions[0];
        return Assert.IsType<FormReply>(await chat.ClickAsync(receiver, rate.ActionId, rate.Payload)).Form;
    }

    private static IReadOnlyList<Choice> Items(Form form) => form.Fields.OfType<ChoiceInput>().Single().Options;

    [Fact]
    public async Task Each_pair_of_the_chain_has_its_own_default_list_and_the_rating_form_shows_it()
    {
        await using var chat = await ChainAsync();
        var sdrAe = await RatingFormAsync(chat, "U-BEN", "U-ANA", "Contoso");
        Assert.Equal(["budget", "decision-maker", "need", "timeline", "next-step", "crm"], Items(sdrAe).Select(c => c.Value));
        Assert.Contains("Roles: SDR → AE", ReplyText.Of(new FormReply(sdrAe)));

        var aeCsm = await RatingFormAsync(chat, "U-ANA", "U-CHLOE", "Contoso onboarding");
        Assert.Equal("Contract terms and products sold written down", Items(aeCsm)[0].Title);
        Assert.Equal(["contract", "success-criteria", "stakeholders", "promises", "kickoff", "crm"], Items(aeCsm).Select(c => c.Value));

        Assert.Contains("1. Use case and requirements written down", ReplyText.Of(await chat.SayAsync("U-DAN", "handoff checklist ae>se")));
        Assert.Contains("6. 备注已录入 CRM", ReplyText.Of(await chat.SayAsync("U-DAN", "handoff checklist CSM→AM", locale: "zh-CN")));
    }

    [Fact]
    public async Task An_admin_edits_a_pairs_list_and_the_rating_records_what_was_missing_by_its_names()
    {
        await using var chat = await ChainAsync();
        var added = ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff checklist SDR>AE add Champion named"));
        Assert.Contains("7. Champion named", added);
        Assert.Contains("This team's own list", added);
        Assert.Contains("1. Decision maker identified", ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff checklist SDR>AE remove 1")));

        var form = await RatingFormAsync(chat, "U-BEN", "U-ANA", "Contoso");
        var items = Items(form);
        Assert.Equal(6, items.Count);
        Assert.DoesNotContain(items, c => c.Value == "budget");
        var champion = items.Single(c => c.Title == "Champion named").Value;
        Assert.StartsWith("c", champion);

        await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string> { ["quality"] = "3", ["items"] = $"decision-maker,need,{champion}" });
        var feedback = await chat.QueryAsync(db => db.Unscoped<HandoffFeedback>().SingleAsync());
        Assert.Equal((3, 6), (feedback.ItemsPresent, feedback.ItemsTotal));
        Assert.Equal("Timeline agreed\nNext step booked\nNotes in the CRM", feedback.MissingItems);

        // Other pairs keep their defaults; so does the same pair in another team (none here to show it).
        Assert.Contains("The default list", ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff checklist AE>CSM")));
    }

    [Fact]
    public async Task Anyone_reads_a_checklist_but_only_admins_change_it()
    {
        await using var chat = await ChainAsync();
        var shown = ReplyText.Of(await chat.SayAsync("U-BEN", "handoff checklist SDR>AE"));
        Assert.Contains("1. Budget known", shown);
        Assert.DoesNotContain("remove <n>", shown);                      // the hint is for admins
        Assert.Contains("Only the team's admins", ReplyText.Of(await chat.SayAsync("U-BEN", "handoff checklist SDR>AE add Coffee")));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<HandoffChecklistItem>().CountAsync()));
    }

    [Theory]
    [InlineData("handoff checklist", "Usage: handoff checklist")]
    [InlineData("handoff checklist SDR", "Usage: handoff checklist")]
    [InlineData("handoff checklist CEO>AE", "Usage: handoff checklist")]
    [InlineData("handoff checklist SDR>AE add", "Usage: handoff checklist")]
    [InlineData("handoff checklist SDR>AE rename 1 x", "Usage: handoff checklist")]
    [InlineData("handoff checklist SDR>AE remove 0", "There is no item 0")]
    [InlineData("handoff checklist SDR>AE remove 7", "There is no item 7")]
    [InlineData("handoff checklist SDR>AE remove one", "There is no item one")]
    public async Task A_malformed_checklist_command_changes_nothing(string text, string expected)
    {
        await using var chat = await ChainAsync();
        Assert.Contains(expected, ReplyText.Of(await chat.SayAsync("U-MAYA", text)));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<HandoffChecklistItem>().CountAsync()));
    }

    [Fact]
    public async Task A_list_holds_one_to_ten_items_of_at_most_ninety_characters()
    {
        await using var chat = await ChainAsync();
        Assert.Contains("90 characters at most", ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff checklist SDR>AE add " + new string('x', 91))));
        for (var i = 7; i <= 10; i++) await chat.SayAsync("U-MAYA", $"handoff checklist SDR>AE add Item {i}");
        Assert.Contains("at most 10 items", ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff checklist SDR>AE add Item 11")));
        for (var i = 10; i > 1; i--) await chat.SayAsync("U-MAYA", "handoff checklist SDR>AE remove 1");
        Assert.Contains("at least one item", ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff checklist SDR>AE remove 1")));
        var left = await chat.QueryAsync(db => db.Unscoped<HandoffChecklistItem>().ToListAsync());
        Assert.Equal(("Item 10", 0), (left.Single().Text, left.Single().Position));
    }

    [Fact]
    public async Task A_choice_from_a_list_changed_since_the_form_opened_is_not_counted()
    {
        await using var chat = await ChainAsync();
        await chat.SayAsync("U-MAYA", "handoff checklist SDR>AE add Champion named");
        var form = await RatingFormAsync(chat, "U-BEN", "U-ANA", "Contoso");
        var champion = Items(form).Single(c => c.Title == "Champion named").Value;
        await chat.SayAsync("U-MAYA", "handoff checklist SDR>AE remove 7");
        await chat.SubmitFormAsync("U-ANA", form, new Dictionary<string, string> { ["quality"] = "4", ["items"] = $"budget,{champion}" });
        var feedback = await chat.QueryAsync(db => db.Unscoped<HandoffFeedback>().SingleAsync());
        Assert.Equal((1, 6), (feedback.ItemsPresent, feedback.ItemsTotal));
    }
}
