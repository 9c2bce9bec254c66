using System.Globalization;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Features.Admin;

internal enum TeamJobKind { PulseSend, PulseRemind, PulseClose, CheckInPrompt, HandoffReminders, WeeklyDigest }

// One recurring job of one team: Id is "feature:teamId", Cron a 5-field expression read in
// the IANA zone TimeZone.
internal sealed record ScheduledJob(string Id, TeamJobKind Kind, long TeamId, string Cron, string TimeZone);

// What should run for a team, and when, computed from its settings alone. Pure, so the
// host's scheduler, the startup sync and the tests all agree on it.
internal static class TeamSchedule
{
    private const int MinutesPerDay = 24 * 60;
    private const int MinutesPerWeek = 7 * MinutesPerDay;

    public static string Feature(TeamJobKind kind) => kind switch
    {
        TeamJobKind.PulseSend => "pulse-send",
        TeamJobKind.PulseRemind => "pulse-remind",
        TeamJobKind.PulseClose => "pulse-close",
        TeamJobKind.CheckInPrompt => "checkin-prompt",
        TeamJobKind.HandoffReminders => "handoff-remind",
        TeamJobKind.WeeklyDigest => "digest-weekly",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string JobId(TeamJobKind kind, long teamId) => $"{Feature(kind)}:{teamId.ToString(CultureInfo.InvariantCulture)}";

    // Every id a team can have, whatever its settings: what an uninstall removes.
    public static IReadOnlyList<string> JobIds(long teamId) => Enum.GetValues<TeamJobKind>().Select(k => JobId(k, teamId)).ToList();

    // An inactive team has no jobs. A reminder that would come at or after the close is left
    // out rather than sent for a round nobody can answer any more.
    public static IReadOnlyList<ScheduledJob> For(Team team)
    {
        if (!team.Active) return [];
        var jobs = new List<ScheduledJob> { Job(team, TeamJobKind.PulseSend, Weekly(team.PulseDay, team.PulseTime)) };
        if (team.ReminderAfterHours > 0 && team.ReminderAfterHours < team.CloseAfterHours)
            jobs.Add(Job(team, TeamJobKind.PulseRemind, Weekly(team.PulseDay, team.PulseTime, team.ReminderAfterHours)));
        jobs.Add(Job(team, TeamJobKind.PulseClose, Weekly(team.PulseDay, team.PulseTime, team.CloseAfterHours)));
        jobs.Add(Job(team, TeamJobKind.CheckInPrompt, Weekly(team.CheckInDay, team.CheckInTime)));
        // Hourly, so a reminder comes 24-25 h after the handoff; the minute is spread by team
        // so that thousands of teams do not all query at :00.
        jobs.Add(Job(team, TeamJobKind.HandoffReminders, $"{(team.Id % 60).ToString(CultureInfo.InvariantCulture)} * * * *"));
        jobs.Add(Job(team, TeamJobKind.WeeklyDigest, Weekly(team.DigestDay, team.DigestTime)));
        return jobs;
    }

    // A weekly cron at day/time, moved by a number of hours on the team's wall clock.
    // Reminders and the close are "N hours after the send", but a cron can only name a local
    // day and time; across a DST weekend the real gap is an hour longer or shorter, which is
    // better than a reminder that drifts off its usual local hour.
    public static string Weekly(DayOfWeek day, TimeOnly time, int offsetHours = 0)
    {
        var minutes = ((int)day * MinutesPerDay + time.Hour * 60 + time.Minute + offsetHours * 60) % MinutesPerWeek;
        if (minutes < 0) minutes += MinutesPerWeek;
        var (d, h, m) = (minutes / MinutesPerDay, minutes / 60 % 24, minutes % 60);
        return string.Create(CultureInfo.InvariantCulture, $"{m} {h} * * {d}");
    }

    private static ScheduledJob Job(Team team, TeamJobKind kind, string cron) => new(JobId(kind, team.Id), kind, team.Id, cron, team.TimeZone);
}
