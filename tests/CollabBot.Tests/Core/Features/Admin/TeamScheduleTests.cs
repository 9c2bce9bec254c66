using System.Globalization;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Storage;

namespace CollabBot.Tests.Core.Features.Admin;

public sealed class TeamScheduleTests
{
    private static Team Team(string zone = "America/New_York") => new() { Id = 42, WorkspaceId = 1, Name = "West", ChannelId = "C1", TimeZone = zone };

    [Fact]
    public void A_default_team_gets_six_weekly_or_hourly_jobs_in_its_own_zone()
    {
        var jobs = TeamSchedule.For(Team("Asia/Shanghai"));
        Assert.Equal(
        [
            ("pulse-send:42", "0 15 * * 5"),       // Friday 15:00
            ("pulse-remind:42", "0 11 * * 6"),     // + 20 h = Saturday 11:00
            ("pulse-close:42", "0 15 * * 1"),      // + 72 h = Monday 15:00
            ("checkin-prompt:42", "0 10 * * 4"),   // Thursday 10:00
            ("handoff-remind:42", "42 * * * *"),   // hourly, minute spread by team
            ("digest-weekly:42", "0 9 * * 1"),     // Monday 09:00
        ], jobs.Select(j => (j.Id, j.Cron)));
        Assert.All(jobs, j => Assert.Equal("Asia/Shanghai", j.TimeZone));
        Assert.All(jobs, j => Assert.Equal(42, j.TeamId));
    }

    [Theory]
    [InlineData(DayOfWeek.Friday, "15:00", 20, "0 11 * * 6")]
    [InlineData(DayOfWeek.Friday, "15:00", 72, "0 15 * * 1")]
    [InlineData(DayOfWeek.Saturday, "22:30", 3, "30 1 * * 0")]   // over the week's end, into Sunday
    [InlineData(DayOfWeek.Sunday, "08:15", 0, "15 8 * * 0")]
    [InlineData(DayOfWeek.Monday, "09:00", 168, "0 9 * * 1")]    // a whole week comes back round
    public void Relative_jobs_are_weekly_crons_on_the_teams_wall_clock(DayOfWeek day, string time, int hours, string cron) =>
        Assert.Equal(cron, TeamSchedule.Weekly(day, TimeOnly.Parse(time, CultureInfo.InvariantCulture), hours));

    [Fact]
    public void Settings_move_the_jobs()
    {
        var team = Team();
        (team.PulseDay, team.PulseTime, team.DigestDay, team.DigestTime) = (DayOfWeek.Wednesday, new(9, 30), DayOfWeek.Tuesday, new(8, 0));
        (team.CheckInDay, team.CheckInTime) = (DayOfWeek.Monday, new(16, 45));
        var crons = TeamSchedule.For(team).ToDictionary(j => j.Kind, j => j.Cron);
        Assert.Equal("30 9 * * 3", crons[TeamJobKind.PulseSend]);
        Assert.Equal("30 5 * * 4", crons[TeamJobKind.PulseRemind]);
        Assert.Equal("30 9 * * 6", crons[TeamJobKind.PulseClose]);
        Assert.Equal("45 16 * * 1", crons[TeamJobKind.CheckInPrompt]);
        Assert.Equal("0 8 * * 2", crons[TeamJobKind.WeeklyDigest]);
    }

    [Fact]
    public void A_reminder_that_would_come_after_the_close_is_left_out()
    {
        var team = Team();
        (team.ReminderAfterHours, team.CloseAfterHours) = (30, 24);
        Assert.DoesNotContain(TeamSchedule.For(team), j => j.Kind == TeamJobKind.PulseRemind);
        Assert.Contains(TeamSchedule.For(team), j => j.Kind == TeamJobKind.PulseClose);
    }

    [Fact]
    public void An_inactive_team_has_no_jobs_and_every_possible_id_is_known_for_removal()
    {
        var team = Team();
        team.Active = false;
        Assert.Empty(TeamSchedule.For(team));
        Assert.Equal(["pulse-send:42", "pulse-remind:42", "pulse-close:42", "checkin-prompt:42", "handoff-remind:42", "digest-weekly:42"],
            TeamSchedule.JobIds(42));
    }
}
