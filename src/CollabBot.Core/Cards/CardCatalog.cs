using CollabBot.Core.Features.Admin;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Privacy;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Cards;

// Every card and form in every state, in both languages, from fixed sample data: what
// `cards --out DIR` writes for review, schema checks and golden files.
internal static class CardCatalog
{
    // The sample people the cards mention, with the names a roster lookup would give them
    // (Teams draws a mention only for someone it has a name for).
    public static readonly IReadOnlyDictionary<string, string> People = new Dictionary<string, string> { ["U0ANA"] = "Ana", ["U0BEN"] = "Ben", ["U0CHL"] = "Chloe" };

    public static IEnumerable<(string Name, object Card)> All()
    {
        foreach (var locale in Texts.Supported)
        {
            var t = Texts.For(locale);
            foreach (var (name, card) in ForLocale(t)) yield return ($"{name}.{locale}", card);
        }
    }

    private static IEnumerable<(string, object)> ForLocale(Texts t)
    {
        var team = new Team { Id = 1, WorkspaceId = 1, Name = "West Sales", ChannelId = "C1", TimeZone = "Asia/Shanghai" };
        var ana = new Member { Id = 2, PlatformUserId = "U0ANA", DisplayName = "Ana", SalesRole = "AE" };
        var ben = new Member { Id = 3, PlatformUserId = "U0BEN", DisplayName = "Ben", SalesRole = "SDR" };
        var goal = new Goal { Id = 7, Title = "Pipeline won ($k)", StartValue = 0, Target = 600, CurrentValue = 210, StartDate = new(2026, 10, 1), DueDate = new(2026, 12, 31) };
        var teamGoal = new Goal { Id = 5, Title = "Q4 bookings", Target = 2000, IsTeamGoal = true, DueDate = new(2026, 12, 31) };
        var closes = t.When(new DateTime(2026, 11, 20, 18, 0, 0));
        var asked = PulseBank.ForWeek(new IsoWeek(2026, 47)).Select(q => new AskedQuestion(q.Key, q.Dimension, q.Text(t.IsChinese))).ToList();

        yield return ("admin.help.rep", AdminFeature.Help(t, manager: false, admin: false));
        yield return ("admin.help.admin", AdminFeature.Help(t, manager: true, admin: true));
        yield return ("admin.help.noteam.slack", AdminFeature.HelpWithoutTeam(t, Platform.Slack));
        yield return ("admin.help.noteam.teams", AdminFeature.HelpWithoutTeam(t, Platform.Teams));
        yield return ("admin.settings", AdminFeature.Settings(t, team));
        yield return ("admin.welcome.team", InstallFlow.Welcome(t, team.Name));
        yield return ("admin.setup", SetupChecklist.Card(t, team));
        yield return ("admin.welcome.personal", InstallFlow.Welcome(t, null));
        yield return ("pulse.channel.new", PulseCards.Channel(t, 12, 1, "2026-W47", 0, 12, closes, open: true, k: 5));
        yield return ("pulse.channel.counting", PulseCards.Channel(t, 12, 1, "2026-W47", 7, 12, closes, open: true, k: 5));
        yield return ("pulse.channel.answered", PulseCards.Channel(t, 12, 1, "2026-W47", 8, 12, closes, open: true, k: 5, viewerAnswered: true));
        yield return ("pulse.channel.closed", PulseCards.Channel(t, 12, 1, "2026-W47", 9, 12, closes, open: false, k: 5));
        yield return ("pulse.reminder", PulseCards.Reminder(t, 12, 1, "2026-W47", t.When(new DateTime(2026, 11, 23, 0, 0, 0))));
        yield return ("pulse.form", PulseCards.Form(t, 12, asked));
        yield return ("form.answered.pulse", FormCards.Answered(PulseCards.Form(t, 12, asked), t.F("pulse.thanks", 5)));
        yield return ("pulse.status", PulseCards.Status(t, "2026-W47", 7, 12, closes, open: true,
            PulseLedger.Facts(t, 13, 2, 2, [new(Delivery.OutboxTarget.Member, "Slack chat.postMessage: user_not_found", 2)])));
        yield return ("pulse.questions", PulseCards.Questions(t, "2026-W47", asked));
        yield return ("kudos.celebration.value", KudosFeature.Celebration(t, ben, [ana], "teamwork", "Great demo with Contoso!"));
        yield return ("kudos.celebration.plain", KudosFeature.Celebration(t, ana, [ben, new Member { Id = 4, PlatformUserId = "U0CHL", DisplayName = "Chloe" }], null, "Thanks for covering my calls"));
        yield return ("handoff.received", HandoffCards.Received(t, 31, 1, "Ben", "Contoso", "Budget confirmed, demo booked for Tuesday", "SDR>AE"));
        yield return ("handoff.received.no-note", HandoffCards.Received(t, 32, 1, "Ben", "Fabrikam", null, "SDR>AE"));
        yield return ("handoff.reminder", HandoffCards.Reminder(t, 31, 1, "Ben", "Contoso"));
        yield return ("handoff.received.crm", HandoffCards.Received(t, 33, 1, "Ana", "Northwind renewal", null, "AE>CSM", "Closed won",
            "https://crm.example.com/deals/0061x00000AbCdE"));
        yield return ("handoff.form", HandoffCards.Rating(t, 31, "Contoso", "SDR>AE",
            HandoffChecklist.DefaultFor("SDR>AE").Select(k => HandoffChecklist.Entry(k, t)).ToList()));
        yield return ("handoff.form.ae-csm", HandoffCards.Rating(t, 33, "Northwind renewal", "AE>CSM",
            HandoffChecklist.DefaultFor("AE>CSM").Select(k => HandoffChecklist.Entry(k, t)).ToList()));
        yield return ("handoff.feedback.missing", HandoffCards.Feedback(t, "Contoso", "Ana", 3, 4, 6,
            [t["checklist.timeline"], t["checklist.crm"]], "Please log the call notes"));
        yield return ("handoff.checklist.default", HandoffCards.Checklist(t, "AE>SE",
            HandoffChecklist.DefaultFor("AE>SE").Select(k => HandoffChecklist.Entry(k, t)).ToList(), own: false, admin: false));
        yield return ("handoff.checklist.own", HandoffCards.Checklist(t, "SDR>AE",
            [HandoffChecklist.Entry("budget", t), HandoffChecklist.Entry("need", t), new ChecklistEntry("c9", "Champion named", "Champion named")], own: true, admin: true));
        yield return ("handoff.feedback.complete", HandoffCards.Feedback(t, "Fabrikam", "Ana", 5, 6, 6, [], null));
        yield return ("goal.list", GoalCards.List(t, [goal], [teamGoal]));
        yield return ("goal.list.empty", GoalCards.List(t, [], []));
        yield return ("checkin.prompt", GoalCards.Prompt(t, 1, 2));
        yield return ("checkin.form", GoalCards.CheckIn(t, [goal]));
        yield return ("form.answered.checkin", FormCards.Answered(GoalCards.CheckIn(t, [goal]), t.F(t.Plural("checkin.thanks", 1), 1)));
        var (snapshot, wtd) = (SampleSnapshot(), false);
        var links = SampleLinks.For(1, snapshot.Week);
        yield return ("digest.channel", DigestCards.Digest(t, snapshot, managerView: false, explain: false, wtd, links));
        yield return ("digest.manager", DigestCards.Digest(t, snapshot, managerView: true, explain: false, wtd, links));
        yield return ("digest.manager.explain", DigestCards.Digest(t, snapshot, managerView: true, explain: true, wtd, links));
        yield return ("digest.week-to-date", DigestCards.Digest(t, snapshot, managerView: true, explain: false, weekToDate: true));
        // The pulse's three other states: still open, closed with fewer than k, none this week.
        var open = SampleSnapshot(k: int.MaxValue) is var o ? o with { Team = o.Team with { AnonymityThreshold = 5 }, Inputs = o.Inputs with { K = 5 } } : null!;
        yield return ("digest.pulse-open", DigestCards.Digest(t, open, managerView: true, explain: true, weekToDate: true, openUntil: closes));
        yield return ("digest.pulse-too-few", DigestCards.Digest(t, SampleSnapshot(k: 6), managerView: true, explain: true, wtd, links));
        yield return ("digest.no-pulse", DigestCards.Digest(t, SampleSnapshot(k: 5, pulse: false), managerView: true, explain: true, wtd, links));
        yield return ("digest.channel.first-week", Features.Digest.FirstWeek.WithNote(DigestCards.Digest(t, snapshot, managerView: false, explain: false, wtd, links),
            Features.Digest.FirstWeek.Note(t, team, IsoWeek.Parse(snapshot.Week))));
        var focus = new Features.Focus.FocusAction
        {
            Dimension = "alignment",
            Action = "Review team priorities every Monday stand-up",
            BaselineWeek = "2026-W45",
            BaselineScore = 70.4,
            BaselineSe = 3.2
        };
        yield return ("digest.manager.focus", DigestCards.Digest(t, snapshot, managerView: true, explain: false, wtd, links,
            [Features.Focus.FocusReports.At(focus, snapshot)]));
        // The manager digest with the week's comments: shown, many (cut to fit Slack), sealed while open, sealed below k.
        Features.Comments.DigestComments Comments(Features.Comments.CommentsState state, params string[] texts) => new("2026-W47", state, texts, new DateTime(2026, 11, 20, 18, 0, 0), 5);
        yield return ("digest.manager.comments", DigestCards.Digest(t, snapshot, managerView: true, explain: false, wtd, links,
            comments: Comments(Features.Comments.CommentsState.Shown, "The CRM sync drops notes from calls.", "More demo slots on Fridays, please.")));
        var many = Enumerable.Range(1, 12).Select(i => i == 2 ? string.Concat(Enumerable.Repeat("Pricing approvals take too long. ", 20)) : $"Comment {i} about the week.").ToArray();
        yield return ("digest.manager.comments.many", DigestCards.Digest(t, snapshot, managerView: true, explain: true, wtd, links,
            comments: Comments(Features.Comments.CommentsState.Shown, many)));
        yield return ("digest.manager.comments.open", DigestCards.Digest(t, open, managerView: true, explain: false, weekToDate: true, openUntil: closes,
            comments: Comments(Features.Comments.CommentsState.Open)));
        yield return ("digest.manager.comments.sealed", DigestCards.Digest(t, SampleSnapshot(k: 6), managerView: true, explain: false, wtd, links,
            comments: Comments(Features.Comments.CommentsState.Sealed) with { K = 6 }));
        foreach (var sample in Features.Focus.FocusCards.Samples(t).Concat(Features.TeamView.TeamViewCards.Samples(t)).Concat(Features.OneOnOne.AgendaCards.Samples(t))
            .Concat(Features.Comments.CommentsCards.Samples(t)))
            yield return sample;
        yield return ("privacy.forget.confirm", PrivacyFeature.ConfirmCard(t));
        yield return (ExportLinkCard.Kind, ExportLinkCard.Of(t, ExportLinkCard.Sample));
        yield return ("privacy.forget.done", PrivacyFeature.DoneCard(t, new ErasureCounts(2, 9, 4, 1, 3)));
    }

    // Fixed links, so goldens do not change with the clock or a host's signing key.
    public static readonly IDigestLinks SampleLinks = new FixedDigestLinks("https://collabbot.example.com");

    private static readonly string[] SampleNames = ["", "Ana", "Ben", "Chloe", "Dan", "Eve", "Fay"];
    private static readonly int[] SampleWeeksBack = [0, 1];

    // A small team-week with every kind of record, scored by the real model.
    private static Snapshot SampleSnapshot(int k = 5, bool pulse = true)
    {
        var mon = new IsoWeek(2026, 47).Start(TimeZoneInfo.Utc);
        var members = Enumerable.Range(1, 6).Select(i => new MemberInfo($"m{i}", SampleNames[i], i < 3 ? "SDR" : "AE", i == 1, mon.AddDays(-60), null)).ToList();
        var questions = CeiModel.DimensionIds.Select(d => new QuestionInfo(d + ".b", d, false)).ToList();
        var rounds = SampleWeeksBack.Where(_ => pulse).Select(w => new PulseRoundInfo($"r{w}", mon.AddDays(4 - 7 * w), mon.AddDays(6 - 7 * w), members.Select(m => m.Id).ToList(), questions)).ToList();
        var answers = rounds.SelectMany((r, w) => members.Take(5).Select((m, i) => new PulseAnswerInfo(r.Id, $"p{w}{i}", r.SentAt.AddHours(2 + i),
            questions.ToDictionary(q => q.Id, q => Math.Clamp(3 + (i + q.Id.Length + w * 2) % 3 - w, 1, 5)), null))).ToList();
        var goals = new[] { new GoalInfo("g1", "m2", "Meetings", 0, 40, new(2026, 10, 1), new(2026, 12, 31), "g9") };
        var checkIns = new[] { new CheckInInfo("g1", mon.AddDays(3), 18, 2, "Waiting on legal") };
        var kudos = new[] { new KudosInfo("m2", ["m3"], "teamwork", mon.AddDays(1)), new KudosInfo("m3", ["m2", "m4"], "learning", mon.AddDays(-8)) };
        var handoffs = Enumerable.Range(1, 5).Select(i => new HandoffInfo($"h{i}", "m2", "m4", "SDR>AE", "Contoso", mon.AddDays(i % 4))).ToList();
        var feedback = handoffs.Select((h, i) => new HandoffFeedbackInfo(h.Id, 2 + i % 3, 4, 6, h.At.AddHours(5), ["Timeline agreed", "Notes in the CRM"])).ToList();
        var data = new TeamData(new TeamInfo("t1", "West Sales", "UTC", k), members, rounds, answers, goals, checkIns, kudos, handoffs, feedback);
        return Scorer.Score(data, new IsoWeek(2026, 47));
    }
}
