using System.Text.Json;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.OneOnOne;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.OneOnOne;

public sealed class OneOnOneTests
{
    private const string Note = "Can I shadow Ana on an enterprise demo?";

    // Ben's month: a goal and a blocked check-in, a talking point, kudos both ways, a handoff he
    // made (Ana rates it) and one he received (he rates it).
    internal static async Task<TestChat> BensMonthAsync()
    {
        var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-BEN", "goal add Meetings booked target 40");
        var form = Assert.IsType<FormReply>(await chat.SayAsync("U-BEN", "checkin")).Form;
        var goal = form.Fields.OfType<NumberInput>().Single().Id[1..];
        await chat.SubmitFormAsync("U-BEN", form, new Dictionary<string, string>
        { ["v" + goal] = "12", ["c" + goal] = "2", ["b" + goal] = "Waiting on marketing for the new case study deck" });
        Assert.Contains("(1 talking point from the last 4 weeks)", ReplyText.Of(await chat.SayAsync("U-BEN", "1on1 note " + Note)));
        await chat.SayAsync("U-ANA", "kudos <@U-BEN> #teamwork great discovery notes on Contoso");
        await chat.SayAsync("U-BEN", "kudos <@U-CHLOE> thanks for covering my calls");
        await chat.SayAsync("U-BEN", "handoff <@U-ANA> Contoso: budget confirmed");
        await chat.SayAsync("U-CHLOE", "handoff <@U-BEN> Fabrikam");
        await RateAsync(chat, "U-ANA", "Contoso", "3", "budget,decision-maker,need,next-step", "Please log the call notes");
        await RateAsync(chat, "U-BEN", "Fabrikam", "5", "budget,decision-maker,need,timeline,next-step,crm", "");
        return chat;
    }

    private static async Task RateAsync(TestChat chat, string user, string subject, string quality, string items, string comment)
    {
        var handoff = await chat.QueryAsync(db => db.Unscoped<Handoff>().SingleAsync(h => h.Subject == subject));
        var form = Assert.IsType<FormReply>(await chat.ClickAsync(user, HandoffActions.Rate, HandoffCards.Payload(handoff.Id, handoff.TeamId))).Form;
        Assert.Contains("Thanks", ReplyText.Of(await chat.SubmitFormAsync(user, form, new Dictionary<string, string>
        { [HandoffActions.Quality] = quality, [HandoffActions.Items] = items, [HandoffActions.Comment] = comment })));
    }

    [Fact]
    public async Task A_manager_gets_the_reps_agenda_privately_with_everything_of_the_last_four_weeks()
    {
        await using var chat = await BensMonthAsync();
        var reply = Assert.IsType<CardReply>(await chat.SayAsync("U-MAYA", "1on1 <@U-BEN>"));
        Assert.True(reply.Ephemeral);
        Assert.Equal("oneonone.agenda", reply.Card.Kind);
        var text = ReplyText.Of(reply);
        Assert.Contains("1:1 agenda — Ben", text);
        Assert.Contains("Talking points from Ben\n2026-11-26 · " + Note, text);
        Assert.Contains("Meetings booked: 12 of 40 · due 2026-12-31 · checked in 2026-11-26: confidence 2/5, pace 100%", text);
        Assert.Contains("2026-11-26 · Meetings booked: 12 (confidence 2/5)", text);
        Assert.Contains("Blockers\n2026-11-26 · Meetings booked: Waiting on marketing for the new case study deck", text);
        Assert.Contains("Kudos received (1)\n2026-11-26 · from Ana: “great discovery notes on Contoso” #teamwork", text);
        Assert.Contains("Kudos given (1)\n2026-11-26 · to Chloe: “thanks for covering my calls”", text);
        Assert.Contains("Feedback on their handoffs (1)\n2026-11-26 · Contoso, rated by Ana: 3/5, 4 of 6 checklist items; missing: Timeline agreed, Notes in the CRM — “Please log the call notes”", text);
        Assert.Contains("Feedback they gave on handoffs (1)\n2026-11-26 · Fabrikam from Chloe, rated 5/5, 6 of 6 checklist items", text);
    }

    [Fact]
    public async Task A_rep_asking_for_someone_elses_agenda_gets_nothing_of_it_but_may_see_their_own()
    {
        await using var chat = await BensMonthAsync();
        foreach (var ask in new[] { "1on1 <@U-BEN>", "1on1 <@U-STRANGER>" })
        {
            var refused = Assert.IsType<TextReply>(await chat.SayAsync("U-ANA", ask));
            Assert.Equal("Only the team's managers can see someone else's 1:1 agenda.", refused.Text);
        }
        var own = ReplyText.Of(await chat.SayAsync("U-BEN", "1on1 <@U-BEN>"));
        Assert.Contains(Note, own);
        Assert.Contains("Waiting on marketing", own);
    }

    [Theory]
    [InlineData("1on1")]
    [InlineData("1on1 note")]
    [InlineData("1on1 Ben")]
    [InlineData("1on1 <@U-BEN> <@U-ANA>")]
    [InlineData("1on1 <@U-BEN> tomorrow")]
    public async Task Malformed_1on1_commands_get_the_usage_and_add_nothing(string text)
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Usage: 1on1 @name · 1on1 note <text>", ReplyText.Of(await chat.SayAsync("U-MAYA", text)));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<OneOnOneNote>().CountAsync()));
    }

    [Fact]
    public async Task A_note_too_long_or_someone_outside_the_team_is_refused()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("too long", ReplyText.Of(await chat.SayAsync("U-BEN", "1on1 note " + new string('x', OneOnOneNote.MaxText + 1))));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<OneOnOneNote>().CountAsync()));
        Assert.Contains("<@U-STRANGER> isn't in this team", ReplyText.Of(await chat.SayAsync("U-MAYA", "1on1 <@U-STRANGER>")));
    }

    [Fact]
    public async Task Talking_points_older_than_four_weeks_leave_the_agenda_and_chinese_reads_chinese()
    {
        await using var chat = await BensMonthAsync();
        chat.Db.Time.Advance(TimeSpan.FromDays(28));
        var text = ReplyText.Of(await chat.SayAsync("U-MAYA", "1on1 <@U-BEN>", locale: "zh-CN"));
        Assert.Contains("一对一议程——Ben", text);
        Assert.Contains("还没有谈话要点", text);
        Assert.DoesNotContain(Note, text);
        Assert.Contains("这几周没有进展签到。", text);
    }

    [Fact]
    public async Task Talking_points_are_in_export_me_and_gone_after_forget_me()
    {
        await using var chat = await BensMonthAsync();
        var file = Assert.IsType<FileReply>(await chat.SayAsync("U-BEN", "export me"));
        using (var json = JsonDocument.Parse(file.Content))
            Assert.Equal(Note, json.RootElement.GetProperty("oneOnOneNotes")[0].GetProperty("text").GetString());
        Assert.DoesNotContain(Note, Assert.IsType<FileReply>(await chat.SayAsync("U-ANA", "export me")).Content);   // not Ana's data

        var confirm = Assert.IsType<CardReply>(await chat.SayAsync("U-BEN", "forget me"));
        Assert.Contains("your 1:1 talking points", ReplyText.Of(confirm));
        var button = confirm.Card.Body.OfType<ActionRow>().Single().Actions.Single();
        await chat.ClickAsync("U-BEN", button.ActionId, button.Payload);
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<OneOnOneNote>().CountAsync()));
    }
}
