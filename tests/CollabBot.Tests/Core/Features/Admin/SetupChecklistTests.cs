using CollabBot.Core.Bot;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;

namespace CollabBot.Tests.Core.Features.Admin;

// Whoever brings CollabBot into a team gets, privately and once, what to set up before the first pulse.
public sealed class SetupChecklistTests
{
    [Fact]
    public async Task The_installer_gets_the_setup_checklist_once_in_their_language()
    {
        await using var chat = await TestChat.InstallAsync();
        var setup = Assert.Single(await chat.OutboxAsync(), m => m.IdempotencyKey.StartsWith("setup:", StringComparison.Ordinal));
        Assert.Equal((OutboxTarget.Member, "U-MAYA"), (setup.TargetKind, setup.Target));
        var text = ReplyText.Of(TestChat.CardOf(setup));
        Assert.Contains("settings timezone", text);
        Assert.Contains("Now UTC", text);
        Assert.Contains("role @name manager", text);
        Assert.Contains("pulse now", text);

        await chat.InstallIntoAsync(TestChat.Workspace, [("U-ANA", "Ana")]);   // added again: no second checklist
        Assert.Single(await chat.OutboxAsync(), m => m.IdempotencyKey.StartsWith("setup:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chinese_installer_gets_it_in_chinese()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, "U-LI", "C-CHINA", InteractionKind.Install, "", UserName: "Li",
            Locale: "zh-CN", Users: new Dictionary<string, string> { ["U-LI"] = "Li" }, ConversationName: "china",
            Reference: new ConversationRef(Platform.Slack, TestChat.Workspace, "C-CHINA")));
        var setup = Assert.Single(await chat.OutboxAsync(), m => m.IdempotencyKey.StartsWith("setup:", StringComparison.Ordinal) && m.Target == "U-LI");
        Assert.Contains("第一次脉搏调查", ReplyText.Of(TestChat.CardOf(setup)));
        Assert.Contains("china", ReplyText.Of(TestChat.CardOf(setup)));
    }
}
