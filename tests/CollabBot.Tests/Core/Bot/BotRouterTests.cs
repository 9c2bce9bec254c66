using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Bot;

public sealed class BotRouterTests
{
    [Fact]
    public void A_duplicate_registration_fails_at_startup()
    {
        var router = new BotRouter().MapCommand("kudos", _ => Task.FromResult(Reply.None));
        Assert.Throws<InvalidOperationException>(() => router.MapCommand("kudos", _ => Task.FromResult(Reply.None)));
        Assert.True(BotServices.CreateRouter().Handles(InteractionKind.Command, "kudos"));   // the real table builds
    }

    [Fact]
    public async Task Unknown_commands_and_actions_get_a_polite_answer()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("I don't know \"dance\"", ReplyText.Of(await chat.SayAsync("U-ANA", "dance now")));
        Assert.Contains("I don't know that action", ReplyText.Of(await chat.ClickAsync("U-ANA", "pulse.dance")));
    }

    [Fact]
    public async Task A_workspace_that_never_installed_is_told_so()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("isn't installed", ReplyText.Of(await chat.SayAsync("U-X", "goal list", workspace: "T-OTHER")));
        Assert.Contains("Add CollabBot to a team", ReplyText.Of(await chat.SayAsync("U-X", "help", workspace: "T-OTHER")));   // help answers everywhere
    }

    [Fact]
    public async Task A_user_of_another_workspace_cannot_touch_this_one()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-BEN", "handoff <@U-ANA> Contoso");
        var handoff = await chat.QueryAsync(db => db.Unscoped<CollabBot.Core.Features.Handoffs.Handoff>().SingleAsync());
        await chat.InstallIntoAsync("T-EVIL", [("U-ANA", "Ana")], installer: "U-MALLORY");
        var payload = new Dictionary<string, string> { ["h"] = handoff.Id.ToString(CultureInfo.InvariantCulture) };
        Assert.Contains("can't find that handoff", ReplyText.Of(await chat.ClickAsync("U-ANA", "handoff.rate", payload, workspace: "T-EVIL")));
        Assert.Contains("isn't in this team", ReplyText.Of(await chat.SayAsync("U-MALLORY", "kudos <@U-BEN> hi", workspace: "T-EVIL")));
        Assert.Equal(2, await chat.QueryAsync(db => db.Unscoped<Workspace>().CountAsync()));
    }

    [Fact]
    public async Task Someone_new_in_the_channel_joins_the_team_as_a_rep()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-NEW", "help");
        var m = await chat.MemberAsync("U-NEW");
        Assert.False(m.IsManager || m.IsAdmin);
        Assert.Contains("don't know your team", ReplyText.Of(await chat.SayAsync("U-STRANGER", "goal list", conversation: "D-STRANGER")));
    }
}
