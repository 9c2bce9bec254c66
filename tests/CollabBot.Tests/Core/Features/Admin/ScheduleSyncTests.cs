using CollabBot.Core.Bot;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Admin;

// What install, settings and uninstall ask of the scheduler (a recording one: no job server).
public sealed class ScheduleSyncTests
{
    private static Task<long> TeamIdAsync(TestChat chat) => chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());

    private static string CronOf(TestChat chat, long team, TeamJobKind kind) => chat.Db.Scheduler.JobsOf(team).Single(j => j.Kind == kind).Cron;

    [Fact]
    public async Task Installing_in_a_channel_schedules_the_teams_jobs()
    {
        await using var chat = await TestChat.InstallAsync();
        var team = await TeamIdAsync(chat);
        Assert.Equal([("apply", team)], chat.Db.Scheduler.Calls);
        Assert.Equal(TeamSchedule.JobIds(team), chat.Db.Scheduler.JobsOf(team).Select(j => j.Id));
        Assert.All(chat.Db.Scheduler.JobsOf(team), j => Assert.Equal("UTC", j.TimeZone));
    }

    [Fact]
    public async Task Settings_and_pulse_schedule_move_the_jobs_and_other_commands_leave_them()
    {
        await using var chat = await TestChat.InstallAsync();
        var team = await TeamIdAsync(chat);
        await chat.SayAsync("U-MAYA", "settings timezone America/New_York");
        Assert.All(chat.Db.Scheduler.JobsOf(team), j => Assert.Equal("America/New_York", j.TimeZone));
        await chat.SayAsync("U-MAYA", "pulse schedule mon 09:30");
        Assert.Equal("30 9 * * 1", CronOf(chat, team, TeamJobKind.PulseSend));
        Assert.Equal("30 5 * * 2", CronOf(chat, team, TeamJobKind.PulseRemind));
        await chat.SayAsync("U-MAYA", "settings digest tue 08:00");
        Assert.Equal("0 8 * * 2", CronOf(chat, team, TeamJobKind.WeeklyDigest));
        var calls = chat.Db.Scheduler.Calls.Count;

        await chat.SayAsync("U-MAYA", "pulse now");
        await chat.SayAsync("U-MAYA", "pulse pause 2");
        await chat.SayAsync("U-MAYA", "settings timezone Not/AZone");   // refused: nothing changes
        Assert.Equal(calls, chat.Db.Scheduler.Calls.Count);
    }

    [Fact]
    public async Task Uninstalling_removes_the_jobs_of_the_conversation_or_of_every_team()
    {
        await using var chat = await TestChat.InstallAsync();
        var team = await TeamIdAsync(chat);
        await chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, "U-MAYA", TestChat.Channel, InteractionKind.Uninstall, "",
            Values: new Dictionary<string, string> { [InstallFlow.Scope] = InstallFlow.ThisConversation }));
        Assert.Equal(("remove", team), chat.Db.Scheduler.Calls[^1]);
        Assert.Empty(chat.Db.Scheduler.JobsOf(team));

        await chat.InstallIntoAsync(TestChat.Workspace, [("U-ANA", "Ana")]);
        Assert.Equal(("apply", team), chat.Db.Scheduler.Calls[^1]);
        await chat.DispatchAsync(new Interaction(Platform.Slack, TestChat.Workspace, "U-MAYA", TestChat.Channel, InteractionKind.Uninstall, ""));
        Assert.Equal(("remove", team), chat.Db.Scheduler.Calls[^1]);
    }

    [Fact]
    public async Task A_scheduler_that_is_down_does_not_fail_the_command_and_the_sync_catches_up()
    {
        await using var chat = await TestChat.InstallAsync();
        var team = await TeamIdAsync(chat);
        chat.Db.Scheduler.Failing = true;
        Assert.Contains("Asia/Shanghai", ReplyText.Of(await chat.SayAsync("U-MAYA", "settings timezone Asia/Shanghai")));
        Assert.Equal("Asia/Shanghai", await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.TimeZone).SingleAsync()));
        Assert.All(chat.Db.Scheduler.JobsOf(team), j => Assert.Equal("UTC", j.TimeZone));   // stale until the sync

        chat.Db.Scheduler.Failing = false;
        Assert.Equal(1, await chat.Db.Services.GetRequiredService<ScheduleSync>().SyncAllAsync(TestContext.Current.CancellationToken));
        Assert.All(chat.Db.Scheduler.JobsOf(team), j => Assert.Equal("Asia/Shanghai", j.TimeZone));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_sync_gives_every_active_team_its_jobs_and_takes_them_from_the_rest(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        long live, gone;
        await using (var scope = db.Scope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            live = (await Seed.TeamAsync(ctx, "W1", zone: "Asia/Shanghai")).Team.Id;
            var (ws, team, _) = await Seed.TeamAsync(ctx, "W2", zone: "America/New_York");
            (ws.Active, gone) = (false, team.Id);
            await ctx.SaveChangesAsync();
        }
        Assert.Equal(1, await db.Services.GetRequiredService<ScheduleSync>().SyncAllAsync(TestContext.Current.CancellationToken));
        Assert.Contains(("apply", live), db.Scheduler.Calls);
        Assert.Contains(("remove", gone), db.Scheduler.Calls);
        Assert.Equal(6, db.Scheduler.JobsOf(live).Count);
        Assert.All(db.Scheduler.JobsOf(live), j => Assert.Equal("Asia/Shanghai", j.TimeZone));
    }
}
