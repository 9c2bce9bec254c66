using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Handoffs;

// The rules behind both CRM endpoints: people matched by their stored email, the role pair
// from their sales roles, once per (record, receiver), and a miss kept for the admins.
public sealed class CrmHandoffsTests
{
    private static async Task<TestChat> TeamAsync(string provider = "sqlite")
    {
        var db = await TestDatabase.CreateAsync(provider, extra: s => s.AddLogging());
        var chat = await TestChat.InstallAsync(db);
        await chat.SayAsync("U-MAYA", "role <@U-BEN> sdr");
        await chat.SayAsync("U-MAYA", "role <@U-ANA> ae");
        await chat.SayAsync("U-MAYA", "role <@U-CHLOE> csm");
        await chat.QueryAsync(async d =>
        {
            foreach (var m in await d.Unscoped<Member>().ToListAsync()) m.Email = m.DisplayName.ToLowerInvariant() + "@acme.example";
            return await d.SaveChangesAsync();
        });
        return chat;
    }

    private static async Task<CrmOutcome> SendAsync(TestChat chat, string from, string to, string id = "0061x00000AbCdE", string subject = "Contoso",
        string? url = "https://acme.my.salesforce.com/0061x00000AbCdE", string? stage = "Qualified")
    {
        await using var scope = chat.Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<CrmHandoffs>().ReceiveAsync(
            new CrmHandoffRequest("webhook", from, to, subject, id, url, stage), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_crm_handoff_is_recorded_with_the_pair_of_sales_roles_and_the_receiver_gets_the_rating_card()
    {
        await using var chat = await TeamAsync();
        var outcome = await SendAsync(chat, "Ben@ACME.example", " ana@acme.example");   // emails compare as emails do
        Assert.Equal(CrmStatus.Recorded, outcome.Status);

        var h = await chat.QueryAsync(db => db.Unscoped<Handoff>().SingleAsync());
        Assert.Equal((outcome.HandoffId, "SDR>AE", "Contoso", "webhook", "0061x00000AbCdE", "Qualified"), (h.Id, h.RolePair, h.Subject, h.Source, h.ExternalId, h.Stage));
        Assert.Equal((await chat.MemberAsync("U-BEN")).Id, h.FromId);
        var card = (await chat.OutboxAsync()).Single(m => m.IdempotencyKey == HandoffRecorder.ReceivedKey(h.Id));
        Assert.Equal("U-ANA", card.Target);
        var text = ReplyText.Of(TestChat.CardOf(card));
        Assert.Contains("Ben handed you Contoso", text);
        Assert.Contains("Roles: SDR → AE", text);
        Assert.Contains("Stage: Qualified", text);
        var buttons = TestChat.CardOf(card).Body.OfType<ActionRow>().Single().Actions;
        Assert.Equal((HandoffActions.Rate, "https://acme.my.salesforce.com/0061x00000AbCdE"), (buttons[0].ActionId, buttons[1].Url));

        // The same rating as a typed handoff, against the pair's list.
        var form = Assert.IsType<FormReply>(await chat.ClickAsync("U-ANA", buttons[0].ActionId, buttons[0].Payload)).Form;
        Assert.Equal(6, form.Fields.OfType<ChoiceInput>().Single().Options.Count);
        Assert.Contains("CRM handoffs, last 7 days: 1 recorded", ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff crm")));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_record_for_the_same_receiver_is_recorded_once_and_its_next_step_is_a_new_handoff(string provider)
    {
        await using var chat = await TeamAsync(provider);
        Assert.Equal(CrmStatus.Recorded, (await SendAsync(chat, "ben@acme.example", "ana@acme.example")).Status);
        Assert.Equal(CrmStatus.Duplicate, (await SendAsync(chat, "ben@acme.example", "ana@acme.example", subject: "Contoso (renamed)")).Status);
        Assert.Equal(CrmStatus.Recorded, (await SendAsync(chat, "ana@acme.example", "chloe@acme.example")).Status);   // closed won: on to the CSM

        var pairs = await chat.QueryAsync(db => db.Unscoped<Handoff>().OrderBy(h => h.Id).Select(h => h.RolePair + " " + h.Subject).ToListAsync());
        Assert.Equal(["SDR>AE Contoso", "AE>CSM Contoso"], pairs);
        Assert.Equal(2, (await chat.OutboxAsync()).Count(m => m.IdempotencyKey.EndsWith(":received", StringComparison.Ordinal)));
        Assert.Contains("2 recorded · 1 already recorded before", ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff crm")));
    }

    [Fact]
    public async Task An_unknown_email_records_nothing_and_the_admins_see_why()
    {
        await using var chat = await TeamAsync();
        var outcome = await SendAsync(chat, "ben@acme.example", "zoe@elsewhere.example");
        Assert.Equal((CrmStatus.Unmatched, "no member has the email zoe@elsewhere.example"), (outcome.Status, outcome.Message));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<Handoff>().CountAsync()));
        Assert.DoesNotContain(await chat.OutboxAsync(), m => m.IdempotencyKey.StartsWith("handoff:", StringComparison.Ordinal));

        var view = ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff crm"));
        Assert.Contains("0 recorded · 0 already recorded before · 1 not matched", view);
        Assert.Contains("webhook 0061x00000AbCdE: no member has the email zoe@elsewhere.example", view);
        Assert.Contains("没有成员使用邮箱 zoe@elsewhere.example", ReplyText.Of(await chat.SayAsync("U-MAYA", "handoff crm", locale: "zh-CN")));
        Assert.Contains("Only the team's admins", ReplyText.Of(await chat.SayAsync("U-BEN", "handoff crm")));
    }

    [Fact]
    public async Task People_in_different_teams_are_not_matched()
    {
        await using var chat = await TeamAsync();
        await chat.QueryAsync(async db =>
        {
            var team = await db.Unscoped<Team>().SingleAsync();
            var other = new Team { WorkspaceId = team.WorkspaceId, Name = "east", ChannelId = "C-EAST", CreatedAt = team.CreatedAt };
            db.Add(other);
            await db.SaveChangesAsync();
            db.Add(new Member { WorkspaceId = team.WorkspaceId, TeamId = other.Id, PlatformUserId = "U-ZOE", DisplayName = "Zoe", Email = "zoe@acme.example" });
            return await db.SaveChangesAsync();
        });
        var outcome = await SendAsync(chat, "ben@acme.example", "zoe@acme.example");
        Assert.Equal((CrmStatus.Unmatched, "no-shared-team"), (outcome.Status, outcome.Reason));
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<Handoff>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Export_shows_a_members_email_and_forget_erases_it_with_the_crm_log_lines_naming_it(string provider)
    {
        await using var chat = await TeamAsync(provider);
        Assert.Contains("\"email\": \"ana@acme.example\"", ReplyText.Of(await chat.SayAsync("U-ANA", "export me")));
        await chat.QueryAsync(async db =>
        {
            (await db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == "U-ANA")).Email = null;   // say her address was not known yet
            return await db.SaveChangesAsync();
        });
        await SendAsync(chat, "ben@acme.example", "ana@acme.example");
        await chat.QueryAsync(async db =>
        {
            (await db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == "U-ANA")).Email = "ana@acme.example";
            return await db.SaveChangesAsync();
        });
        Assert.Single(await chat.QueryAsync(db => db.Unscoped<CrmEvent>().Where(e => e.Detail!.Contains("ana@")).ToListAsync()));

        var forget = Assert.IsType<CardReply>(await chat.SayAsync("U-ANA", "forget me")).Card.Body.OfType<ActionRow>().Single().Actions.Single();
        await chat.ClickAsync("U-ANA", forget.ActionId, forget.Payload);
        Assert.Empty(await chat.QueryAsync(db => db.Unscoped<Member>().Where(m => m.Email == "ana@acme.example").ToListAsync()));
        Assert.Empty(await chat.QueryAsync(db => db.Unscoped<CrmEvent>().Where(e => e.Detail!.Contains("ana@")).ToListAsync()));
    }
}
