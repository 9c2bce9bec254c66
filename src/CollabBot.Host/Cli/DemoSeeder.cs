using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Host.Cli;

// A believable sales team of eight with eight weeks of activity: steady, then a two-week dip
// (handoffs missing information, blockers, less recognition), then recovery. Each week is
// seeded once, from its own fixed random seed, so running the demo again changes nothing
// and a later run only adds the weeks that have passed since.
internal sealed class DemoSeeder(CollabDbContext db, Pseudonyms pseudonyms, TimeProvider time)
{
    public const string Zone = "America/New_York";
    private static readonly (string Name, string Role, bool Manager)[] People =
    [
        ("Maya Chen", "Manager", true), ("Leo Park", "SDR", false), ("Priya Nair", "SDR", false), ("Tom Weber", "SDR", false),
        ("Ana Souza", "AE", false), ("Ben Okafor", "AE", false), ("Chloe Martin", "AE", false), ("Dan Kim", "CSM", false),
    ];
    private static readonly string[] Checklist =
        ["Budget known", "Decision maker identified", "Need/pain written down", "Timeline agreed", "Next step booked", "Notes in the CRM"];
    private static readonly string[] Dimensions = [.. CeiModel.DimensionIds];
    // How the team feels, week by week: the dip is weeks 4 and 5 of 8.
    private static readonly double[] Mood = [3.9, 4.0, 3.9, 2.9, 2.7, 3.5, 3.9, 4.1];

    public async Task<(Team Team, IReadOnlyList<IsoWeek> Weeks)> SeedAsync(CancellationToken ct = default)
    {
        var zone = Zones.Find(Zone);
        var last = IsoWeek.Containing(time.GetUtcNow(), zone).Previous();
        var weeks = Enumerable.Range(0, 8).Select(i => last.Minus(7 - i)).ToList();
        var (team, members) = await TeamAsync(weeks[0].Start(zone).AddDays(-60), ct);
        db.ForWorkspace(team.WorkspaceId);
        await DemoGoals.SeedAsync(db, team, members, weeks, ct);
        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i].ToString();
            if (await db.PulseRounds.AnyAsync(r => r.TeamId == team.Id && r.Week == week, ct)) continue;
            await SeedWeekAsync(team, members, weeks[i], Mood[(weeks[i].Week + 8 - weeks[0].Week) % 8], zone, ct);
        }
        return (team, weeks);
    }

    private async Task<(Team, List<Member>)> TeamAsync(DateTimeOffset joined, CancellationToken ct)
    {
        var ws = await db.Unscoped<Workspace>().FirstOrDefaultAsync(w => w.Platform == Platform.Demo && w.ExternalId == "demo", ct);
        if (ws is null)
        {
            ws = new Workspace { Platform = Platform.Demo, ExternalId = "demo", Name = "Demo Co", CreatedAt = joined };
            db.Add(ws);
            await db.SaveChangesAsync(ct);
        }
        db.ForWorkspace(ws.Id);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.ChannelId == "demo-sales", ct);
        if (team is null)
        {
            team = new Team { WorkspaceId = ws.Id, Name = "Demo Sales", ChannelId = "demo-sales", TimeZone = Zone, CreatedAt = joined };
            db.Add(team);
            await db.SaveChangesAsync(ct);
            db.AddRange(People.Select((p, i) => new Member
            {
                WorkspaceId = ws.Id,
                TeamId = team.Id,
                PlatformUserId = $"demo-u{i + 1}",
                DisplayName = p.Name,
                SalesRole = p.Role,
                IsManager = p.Manager,
                IsAdmin = p.Manager,
                JoinedAt = joined,
            }));
            await db.SaveChangesAsync(ct);
        }
        return (team, await db.Members.Where(m => m.TeamId == team.Id).OrderBy(m => m.Id).ToListAsync(ct));
    }

    private async Task SeedWeekAsync(Team team, List<Member> members, IsoWeek week, double mood,
        TimeZoneInfo zone, CancellationToken ct)
    {
        var rnd = new Random(week.Year * 100 + week.Week);
        var start = week.Start(zone);
        DateTimeOffset Local(int day, double hour) => start.AddDays(day).AddHours(hour);
        var dip = mood < 3.2;
        var reps = members.Where(m => !m.IsManager).ToList();
        int Likert(double centre) => Math.Clamp((int)Math.Round(centre + rnd.NextDouble() * 1.6 - 0.8), 1, 5);

        // Pulse: Friday 15:00, one question per dimension (variants alternate weekly).
        var variant = week.Week % 2 == 0 ? "a" : "b";
        var round = new PulseRound
        {
            WorkspaceId = team.WorkspaceId,
            TeamId = team.Id,
            Week = week.ToString(),
            SentAt = Local(4, 15),
            ClosesAt = Local(4, 15).AddHours(team.CloseAfterHours),
            Questions = Dimensions.Select((d, i) => new PulseRoundQuestion { WorkspaceId = team.WorkspaceId, Key = $"{d}.{variant}", Dimension = d, Position = i }).ToList()
        };
        db.Add(round);
        await db.SaveChangesAsync(ct);
        var answering = members.OrderBy(_ => rnd.Next()).Take(dip ? 5 : 7).ToHashSet();
        // Answers go in as the bot stores them (a mark, the answer sealed) and the round is closed
        // by the real close, which stores them shuffled with the round's answer hours.
        foreach (var m in members)
        {
            db.Add(new PulseParticipation { WorkspaceId = team.WorkspaceId, RoundId = round.Id, MemberId = m.Id });
            if (!answering.Contains(m)) continue;
            var answered = round.SentAt.AddHours(0.3 + rnd.NextDouble() * (dip ? 50 : 30));
            var values = round.Questions.ToDictionary(q => q.Key,
                q => Likert(mood + (q.Dimension is "sharing" or "communication" && dip ? -0.6 : q.Dimension == "role" ? 0.3 : 0)));
            db.Add(new PulseAnswerMark { WorkspaceId = team.WorkspaceId, RoundId = round.Id, Mark = pseudonyms.Mark(round.Id, m.PlatformUserId) });
            db.Add(new PulseSealedAnswer
            {
                WorkspaceId = team.WorkspaceId,
                RoundId = round.Id,
                Hour = SealedAnswer.HoursSince(round.SentAt, answered),
                Sealed = SealedAnswer.Seal(pseudonyms, answered, values, null)
            });
        }
        await db.SaveChangesAsync(ct);
        await RoundClosing.CloseAsync(db, pseudonyms, round.Id, round.ClosesAt, team.EffectiveAnonymity, ct);

        // Check-ins on Thursday morning; in the dip some are skipped and blockers appear.
        var goals = await db.Goals.Where(g => g.TeamId == team.Id && g.OwnerId != null).ToListAsync(ct);
        var elapsed = (week.Monday.DayNumber - goals[0].StartDate.DayNumber + 3.0) / (goals[0].DueDate.DayNumber - goals[0].StartDate.DayNumber + 1);
        foreach (var g in goals)
        {
            if (dip && rnd.Next(3) == 0) continue;
            var lag = dip ? 0.7 : 0.95 + rnd.NextDouble() * 0.15;
            db.Add(new CheckIn
            {
                WorkspaceId = team.WorkspaceId,
                GoalId = g.Id,
                At = Local(3, 9.5 + rnd.NextDouble()),
                Value = Math.Round(g.Target * Math.Min(1, elapsed * lag), 1),
                Confidence = dip ? rnd.Next(2, 4) : rnd.Next(3, 6),
                Blocker = dip && rnd.Next(2) == 0 ? "Waiting on legal review of the MSA" : null
            });
        }

        // Kudos: fewer in the dip; the CSM is easy to overlook.
        for (var k = dip ? 1 : rnd.Next(4, 7); k > 0; k--)
        {
            var giver = members[rnd.Next(members.Count)];
            var receiver = members.Where(m => m != giver && (!dip || m.SalesRole != "CSM")).OrderBy(_ => rnd.Next()).First();
            db.Add(new KudosPost
            {
                WorkspaceId = team.WorkspaceId,
                TeamId = team.Id,
                GiverId = giver.Id,
                Value = Team.DefaultKudosValues[rnd.Next(4)],
                Message = "Thanks for the help on the Northwind deal!",
                At = Local(rnd.Next(0, 5), 9 + rnd.Next(0, 8)),
                Receivers = [new KudosReceiver { WorkspaceId = team.WorkspaceId, MemberId = receiver.Id }]
            });
        }

        // Handoffs: SDR → AE and AE → CSM, rated by the receiver within a day or two.
        var pairs = reps.Where(m => m.SalesRole == "SDR").Select(s => (s, reps.Where(m => m.SalesRole == "AE").OrderBy(_ => rnd.Next()).First()))
            .Concat([(reps.First(m => m.SalesRole == "AE"), reps.First(m => m.SalesRole == "CSM"))]);
        foreach (var (from, to) in pairs)
        {
            var h = new Handoff
            {
                WorkspaceId = team.WorkspaceId,
                TeamId = team.Id,
                FromId = from.Id,
                ToId = to.Id,
                Subject = $"{new[] { "Contoso", "Fabrikam", "Northwind", "Tailspin", "Adatum" }[rnd.Next(5)]} account",
                RolePair = $"{from.SalesRole}>{to.SalesRole}",
                At = Local(rnd.Next(0, 4), 10 + rnd.Next(0, 6))
            };
            db.Add(h);
            await db.SaveChangesAsync(ct);
            var missing = Checklist.Where(_ => rnd.NextDouble() < (dip ? 0.45 : 0.12)).ToList();
            if (dip && !missing.Contains("Budget known")) missing.Add("Budget known");
            db.Add(new HandoffFeedback
            {
                WorkspaceId = team.WorkspaceId,
                HandoffId = h.Id,
                Quality = Likert(mood + 0.2),
                ItemsPresent = Checklist.Length - missing.Count,
                ItemsTotal = Checklist.Length,
                MissingItems = string.Join('\n', missing),
                At = h.At.AddHours(2 + rnd.NextDouble() * (dip ? 40 : 18))
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
