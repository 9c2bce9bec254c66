using CollabBot.Core.Bot;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Handoffs;

// Sales roles (the seat on the handoff chain) apart from permissions, and a profile title as
// the seat until an admin sets one.
public sealed class SalesRoleTests
{
    [Fact]
    public async Task An_admin_sets_sales_roles_for_several_people_and_permissions_stay_as_they_were()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-MAYA", "role <@U-CHLOE> manager");
        Assert.Contains("Sales role of <@U-BEN>, <@U-CHLOE>: SDR", ReplyText.Of(await chat.SayAsync("U-MAYA", "role <@U-BEN> <@U-CHLOE> sdr")));
        Assert.Contains("Sales role of <@U-ANA>: AE", ReplyText.Of(await chat.SayAsync("U-MAYA", "role <@U-ANA> AE")));

        var (ben, chloe, ana) = (await chat.MemberAsync("U-BEN"), await chat.MemberAsync("U-CHLOE"), await chat.MemberAsync("U-ANA"));
        Assert.Equal(("SDR", "SDR", "AE"), (ben.SalesRole, chloe.SalesRole, ana.SalesRole));
        Assert.True(chloe.IsManager);                                   // a seat is no permission, and leaves it alone
        Assert.False(ben.IsManager || ben.IsAdmin);

        Assert.Contains("<@U-CHLOE> is now a rep", ReplyText.Of(await chat.SayAsync("U-MAYA", "role <@U-CHLOE> rep")));
        chloe = await chat.MemberAsync("U-CHLOE");
        Assert.Equal(("SDR", false), (chloe.SalesRole, chloe.IsManager));   // a permission leaves the seat alone
        Assert.Contains("都是经理", ReplyText.Of(await chat.SayAsync("U-MAYA", "role <@U-ANA> <@U-BEN> manager", locale: "zh-CN")));
    }

    [Theory]
    [InlineData("role", "Usage: role")]
    [InlineData("role <@U-BEN>", "Usage: role")]
    [InlineData("role <@U-BEN> cfo", "Usage: role")]
    [InlineData("role sdr <@U-BEN>", "Usage: role")]
    [InlineData("role <@U-BEN> Ben sdr", "Usage: role")]
    [InlineData("role <@U-BEN> <@U-NOBODY> sdr", "isn't in this team")]
    public async Task A_malformed_role_command_changes_nothing(string text, string expected)
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains(expected, ReplyText.Of(await chat.SayAsync("U-MAYA", text)));
        Assert.Null((await chat.MemberAsync("U-BEN")).SalesRole);
    }

    [Fact]
    public async Task Only_admins_set_roles_and_the_last_admin_stays()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Only the team's admins", ReplyText.Of(await chat.SayAsync("U-BEN", "role <@U-ANA> ae")));
        Assert.Null((await chat.MemberAsync("U-ANA")).SalesRole);
        Assert.Contains("without an admin", ReplyText.Of(await chat.SayAsync("U-MAYA", "role <@U-MAYA> <@U-BEN> rep")));
        Assert.True((await chat.MemberAsync("U-MAYA")).IsAdmin);
    }

    private static Interaction Said(string user, string text, string? title, string? email = null) =>
        new(Platform.Slack, TestChat.Workspace, user, TestChat.Channel, InteractionKind.Command, "", text,
            Profiles: new Dictionary<string, MemberProfile> { [user] = new(email, title) });

    [Fact]
    public async Task A_profile_title_that_names_a_seat_is_the_sales_role_until_an_admin_sets_one()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.DispatchAsync(Said("U-ANA", "help", "Senior Account Executive, EMEA", "Ana@Acme.example"));
        var ana = await chat.MemberAsync("U-ANA");
        Assert.Equal(("AE", true, "ana@acme.example"), (ana.SalesRole, ana.SalesRoleFromTitle, ana.Email));

        await chat.DispatchAsync(Said("U-ANA", "help", "Customer Success Manager"));   // the title changed: so did the default
        Assert.Equal("CSM", (await chat.MemberAsync("U-ANA")).SalesRole);
        await chat.DispatchAsync(Said("U-ANA", "help", "Head of Marketing"));          // and names no seat now
        Assert.Null((await chat.MemberAsync("U-ANA")).SalesRole);

        await chat.SayAsync("U-MAYA", "role <@U-ANA> am");
        await chat.DispatchAsync(Said("U-ANA", "help", "SDR"));                        // set by an admin: the title no longer moves it
        ana = await chat.MemberAsync("U-ANA");
        Assert.Equal(("AM", false), (ana.SalesRole, ana.SalesRoleFromTitle));
    }

    [Fact]
    public async Task A_seat_given_otherwise_is_not_taken_away_by_a_title()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.QueryAsync(async db =>
        {
            (await db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == "U-BEN")).SalesRole = "SDR";   // as the demo seeder sets it
            return await db.SaveChangesAsync();
        });
        await chat.DispatchAsync(Said("U-BEN", "help", "Account Executive"));
        Assert.Equal("SDR", (await chat.MemberAsync("U-BEN")).SalesRole);
    }

    [Theory]
    [InlineData("AE", "AE")]
    [InlineData("Account Executive", "AE")]
    [InlineData("Sr. Enterprise AE", "AE")]
    [InlineData("资深AE", "AE")]
    [InlineData("SDR", "SDR")]
    [InlineData("Sales Development Representative", "SDR")]
    [InlineData("bdr team lead", "SDR")]
    [InlineData("Solutions Engineer", "SE")]
    [InlineData("Sales Engineering Manager", "SE")]
    [InlineData("售前工程师", "SE")]
    [InlineData("Customer Success Manager", "CSM")]
    [InlineData("CSM", "CSM")]
    [InlineData("客户成功经理", "CSM")]
    [InlineData("Account Manager", "AM")]
    [InlineData("客户经理", "AM")]
    [InlineData("Head of Marketing", null)]
    [InlineData("Game Designer", null)]
    [InlineData("I am here", null)]
    [InlineData("", null)]
    public void A_title_names_a_seat_or_none(string title, string? seat) => Assert.Equal(seat, SalesRoles.FromTitle(title));

    [Fact]
    public async Task A_handoff_carries_the_sales_roles_and_its_card_shows_them()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-MAYA", "role <@U-BEN> sdr");
        await chat.SayAsync("U-MAYA", "role <@U-ANA> ae");
        await chat.SayAsync("U-MAYA", "role <@U-DAN> admin");
        await chat.SayAsync("U-BEN", "handoff <@U-ANA> Fabrikam");
        await chat.SayAsync("U-ANA", "handoff <@U-DAN> Fabrikam renewal");

        var pairs = await chat.QueryAsync(db => db.Unscoped<Handoff>().OrderBy(h => h.Id).Select(h => h.RolePair).ToListAsync());
        Assert.Equal(["SDR>AE", "AE>Rep"], pairs);                     // Dan is an admin, with no seat
        var card = TestChat.CardOf((await chat.OutboxAsync()).First(m => m.IdempotencyKey.EndsWith(":received", StringComparison.Ordinal)));
        Assert.Contains("Roles: SDR → AE", ReplyText.Of(card));
    }
}
