using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.Admin;

public sealed class AdminTests
{
    [Fact]
    public async Task Installing_makes_the_channel_a_team_the_installer_its_admin_and_reads_the_roster()
    {
        await using var chat = await TestChat.InstallAsync();
        var maya = await chat.MemberAsync("U-MAYA");
        Assert.True(maya.IsAdmin && maya.IsManager);
        Assert.Equal(5, await chat.QueryAsync(db => db.Unscoped<Member>().CountAsync(m => m.Active)));
        Assert.False((await chat.MemberAsync("U-ANA")).IsAdmin);
        Assert.NotNull((await chat.QueryAsync(db => db.Unscoped<Installation>().SingleAsync())).ConversationRefJson);

        // Installing again (another admin re-adds the app) changes no one's role and adds no team.
        await chat.InstallIntoAsync(TestChat.Workspace, [("U-ANA", "Ana")], installer: "U-BEN");
        Assert.False((await chat.MemberAsync("U-BEN")).IsAdmin);
        Assert.Equal(1, await chat.QueryAsync(db => db.Unscoped<Team>().CountAsync()));
    }

    // Slack's OAuth page (or a Teams personal install) installs the workspace without a team;
    // Ben adds the bot to #sales later. Maya, who installed it, is the admin, not Ben.
    [Fact]
    public async Task The_workspace_installer_becomes_admin_when_a_channel_is_added_later_by_someone_else()
    {
        await using var chat = await TestChat.InstallAsync(workspace: "T-ELSEWHERE");
        await chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, "U-MAYA", "D-U-MAYA", InteractionKind.Install, "",
            UserName: "Maya", ConversationType: ConversationType.Personal));
        await chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, "U-BEN", TestChat.Channel, InteractionKind.Install, "", UserName: "Ben",
            Users: new Dictionary<string, string> { ["U-MAYA"] = "Maya", ["U-ANA"] = "Ana" }, ConversationName: "sales"));

        var members = await chat.QueryAsync(db => db.Unscoped<Member>().Include(m => m.Team).ThenInclude(t => t!.Workspace)
            .Where(m => m.Team!.Workspace!.ExternalId == TestChat.Workspace).ToListAsync());
        Assert.True(members.Single(m => m.PlatformUserId == "U-MAYA") is { IsAdmin: true, IsManager: true });
        Assert.All(members.Where(m => m.PlatformUserId != "U-MAYA"), m => Assert.False(m.IsAdmin || m.IsManager));
        Assert.Contains("every Friday", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse schedule fri 15:00")));
    }

    [Fact]
    public async Task When_the_only_admin_leaves_re_adding_the_app_makes_no_one_admin()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, "U-MAYA", TestChat.Channel, InteractionKind.MemberChange, "",
            Values: new Dictionary<string, string> { ["left"] = "U-MAYA" }));
        await chat.InstallIntoAsync(TestChat.Workspace, [("U-ANA", "Ana")], installer: "U-BEN");
        Assert.False((await chat.MemberAsync("U-BEN")).IsAdmin);
        Assert.Contains("Only the team's admins", ReplyText.Of(await chat.SayAsync("U-BEN", "settings anonymity 3")));
    }

    // Every team has an admin: a team added later gets the workspace's admins who are in it, and
    // when none is, whoever added the app to that channel.
    [Fact]
    public async Task A_later_team_gets_the_workspace_admins_in_it_or_else_whoever_added_it()
    {
        await using var chat = await TestChat.InstallAsync();   // #sales: Maya its admin
        Task<Reply> Add(string by, string channel, params string[] roster) => chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, by, channel,
            InteractionKind.Install, "", UserName: by, Users: roster.ToDictionary(u => u, u => u), ConversationName: channel));
        await Add("U-BEN", "C-EAST", "U-MAYA", "U-ANA");
        await Add("U-ANA", "C-WEST", "U-BEN", "U-DAN");

        var admins = await chat.QueryAsync(db => db.Unscoped<Member>().Where(m => m.IsAdmin).Select(m => m.Team!.ChannelId + " " + m.PlatformUserId).ToListAsync());
        Assert.Equal(new[] { "C-EAST U-MAYA", "C-WEST U-ANA", TestChat.Channel + " U-MAYA" }.Order(), admins.Order());
        Assert.Contains("Team settings", ReplyText.Of(await chat.DispatchAsync(
            new Interaction(Platform.Slack, TestChat.Workspace, "U-ANA", "C-WEST", InteractionKind.Command, "", "settings"))));
    }

    [Fact]
    public async Task Uninstalling_deactivates_the_workspace_and_the_bot_then_says_it_is_not_installed()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, "U-MAYA", TestChat.Channel, InteractionKind.Uninstall, ""));
        Assert.False((await chat.QueryAsync(db => db.Unscoped<Workspace>().SingleAsync())).Active);
        Assert.Contains("isn't installed", ReplyText.Of(await chat.SayAsync("U-ANA", "goal list")));
    }

    [Fact]
    public async Task Roster_changes_add_and_deactivate_members()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, "U-MAYA", TestChat.Channel, InteractionKind.MemberChange, "",
            Values: new Dictionary<string, string> { ["joined"] = "U-ZOE", ["left"] = "U-DAN" }, Users: new Dictionary<string, string> { ["U-ZOE"] = "Zoe" }));
        Assert.Equal("Zoe", (await chat.MemberAsync("U-ZOE")).DisplayName);
        var dan = await chat.MemberAsync("U-DAN");
        Assert.False(dan.Active);
        Assert.NotNull(dan.LeftAt);
        Assert.Contains("isn't in this team", ReplyText.Of(await chat.SayAsync("U-ANA", "kudos <@U-DAN> thanks")));
    }

    [Fact]
    public async Task Admins_change_settings_within_safe_bounds()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Only the team's admins", ReplyText.Of(await chat.SayAsync("U-ANA", "settings timezone Asia/Shanghai")));
        Assert.Contains("Asia/Shanghai", ReplyText.Of(await chat.SayAsync("U-MAYA", "settings timezone Asia/Shanghai")));
        Assert.Contains("isn't a time zone", ReplyText.Of(await chat.SayAsync("U-MAYA", "settings timezone Mars/Olympus")));
        Assert.Contains("can't go below 3", ReplyText.Of(await chat.SayAsync("U-MAYA", "settings anonymity 2")));
        Assert.Contains("#hustle", ReplyText.Of(await chat.SayAsync("U-MAYA", "settings values teamwork, hustle")));
        Assert.Contains("Thursday 11:00", ReplyText.Of(await chat.SayAsync("U-MAYA", "settings digest thu 11:00")));
        Assert.Contains("Usage: settings", ReplyText.Of(await chat.SayAsync("U-MAYA", "settings colour blue")));
        var team = await chat.QueryAsync(db => db.Unscoped<Team>().SingleAsync());
        Assert.Equal(("Asia/Shanghai", 5, "teamwork,hustle", DayOfWeek.Thursday), (team.TimeZone, team.AnonymityThreshold, team.KudosValues, team.DigestDay));
    }

    [Fact]
    public async Task Roles_are_set_by_admins_and_the_last_admin_stays()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("Only the team's admins", ReplyText.Of(await chat.SayAsync("U-ANA", "role <@U-ANA> manager")));
        Assert.Contains("<@U-BEN> is now a manager", ReplyText.Of(await chat.SayAsync("U-MAYA", "role <@U-BEN> manager")));
        Assert.True((await chat.MemberAsync("U-BEN")).IsManager);
        Assert.Contains("without an admin", ReplyText.Of(await chat.SayAsync("U-MAYA", "role <@U-MAYA> rep")));
        Assert.Contains("Usage: role", ReplyText.Of(await chat.SayAsync("U-MAYA", "role <@U-BEN> boss")));
        Assert.Contains("Pulse posted in", ReplyText.Of(await chat.SayAsync("U-BEN", "pulse now")));
    }

    [Fact]
    public async Task Help_shows_what_the_caller_may_do()
    {
        await using var chat = await TestChat.InstallAsync();
        var rep = ReplyText.Of(await chat.SayAsync("U-ANA", "help"));
        Assert.Contains("kudos @name", rep);
        Assert.DoesNotContain("settings [", rep);
        Assert.Contains("settings [", ReplyText.Of(await chat.SayAsync("U-MAYA", "")));
    }
}
