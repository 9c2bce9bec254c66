using CollabBot.Core.Bot;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Bot;

// `help` resolves its caller from memory after the first time (ResolvedCache). What it shows
// must follow a role, language or roster change made on this host at once, and one made
// behind its back (another host: here a bulk update that no change tracker sees) within the
// cache's lifetime.
// Alone: the cache's generation is process-wide, so another test saving a member in parallel
// would expire the entry that "still fresh" below relies on.
[CollectionDefinition(nameof(ResolvedCacheTests), DisableParallelization = true)]
public sealed class ResolvedCacheAlone;

[Collection(nameof(ResolvedCacheTests))]
public sealed class ResolvedCacheTests
{
    private const string ManagerLine = "pulse now · pulse close";

    [Fact]
    public async Task Help_follows_a_role_change_made_here_at_once()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.DoesNotContain(ManagerLine, ReplyText.Of(await chat.SayAsync("U-BEN", "help")));
        Assert.DoesNotContain(ManagerLine, ReplyText.Of(await chat.SayAsync("U-BEN", "help")));   // from the cache
        await chat.SayAsync("U-MAYA", "role <@U-BEN> manager");
        Assert.Contains(ManagerLine, ReplyText.Of(await chat.SayAsync("U-BEN", "help")));
        await chat.SayAsync("U-MAYA", "role <@U-BEN> rep");
        Assert.DoesNotContain(ManagerLine, ReplyText.Of(await chat.SayAsync("U-BEN", "help")));
    }

    [Fact]
    public async Task Help_follows_the_team_language_and_the_caller_s_own_language()
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.Contains("what I can do", ReplyText.Of(await chat.SayAsync("U-ANA", "help")));
        await chat.SayAsync("U-MAYA", "settings language zh-Hans");
        Assert.DoesNotContain("what I can do", ReplyText.Of(await chat.SayAsync("U-ANA", "help")));
        Assert.Contains("what I can do", ReplyText.Of(await chat.SayAsync("U-ANA", "help", locale: "en-US")));
        Assert.Equal("en", (await chat.MemberAsync("U-ANA")).Locale);   // the platform's word was saved, not skipped
    }

    [Fact]
    public async Task A_change_made_behind_the_cache_s_back_shows_within_its_lifetime()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-BEN", "help");
        // As another host would: the row changes and this host's cache is not told.
        await chat.QueryAsync(db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "U-BEN").ExecuteUpdateAsync(s => s.SetProperty(m => m.IsManager, true)));
        Assert.DoesNotContain(ManagerLine, ReplyText.Of(await chat.SayAsync("U-BEN", "help")));   // the entry is still fresh
        chat.Db.Time.Advance(ResolvedCache.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Contains(ManagerLine, ReplyText.Of(await chat.SayAsync("U-BEN", "help")));
    }

    [Fact]
    public async Task Permission_checks_never_come_from_the_cache()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-MAYA", "role <@U-BEN> manager");
        await chat.SayAsync("U-BEN", "help");
        await chat.QueryAsync(db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "U-BEN").ExecuteUpdateAsync(s => s.SetProperty(m => m.IsManager, false)));
        Assert.Contains(ManagerLine, ReplyText.Of(await chat.SayAsync("U-BEN", "help")));   // a stale list of commands, at most
        Assert.Contains("Only the team's managers", ReplyText.Of(await chat.SayAsync("U-BEN", "pulse now")));
        Assert.Throws<InvalidOperationException>(() => new BotRouter().Map(InteractionKind.Command, "x", _ => Task.FromResult(Reply.None), Access.Manager, cached: true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // removed from the channel only: a bulk update of its team
    public async Task Removing_the_app_forgets_its_callers(bool thisConversation)
    {
        await using var chat = await TestChat.InstallAsync();
        Assert.DoesNotContain("Add CollabBot to a team", ReplyText.Of(await chat.SayAsync("U-ANA", "help")));
        await chat.DispatchAsync(new Interaction(chat.Platform, TestChat.Workspace, "U-MAYA", TestChat.Channel, InteractionKind.Uninstall, "",
            Values: thisConversation ? new Dictionary<string, string> { ["scope"] = "conversation" } : null));
        Assert.Contains("Add CollabBot to a team", ReplyText.Of(await chat.SayAsync("U-ANA", "help")));
    }
}
