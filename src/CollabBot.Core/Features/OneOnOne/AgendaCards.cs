using CollabBot.Core.Cards;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Localization;
using static CollabBot.Core.Features.TeamView.TeamViewCards;

namespace CollabBot.Core.Features.OneOnOne;

// The 1:1 agenda, shown only to the manager who asked (or to the member themselves).
// Talking points come first: they are what the member wants to discuss.
internal static class AgendaCards
{
    private const int MaxItems = 6;

    public static Card Agenda(Texts t, AgendaData a)
    {
        var who = a.SalesRole is { Length: > 0 } role ? $"{a.Name} · {role}" : a.Name;
        var body = new List<CardElement>
        {
            new Header(t.F("oneonone.title", who)),
            new TextBlock(t.F("oneonone.window", Day(a.Since)), Subtle: true),
        };
        Section(body, t, t.F("oneonone.points", a.Name), a.Notes, "oneonone.points.none", n => $"{Day(n.Day)} · {n.Text}");

        body.Add(new Header(t["oneonone.goals"]));
        if (a.Goals.Count == 0) body.Add(new TextBlock(t["oneonone.goals.none"]));
        foreach (var g in a.Goals.Take(8))
            body.Add(new ProgressBar(t.F("oneonone.goal", g.Title, GoalCards.N(g.Current), GoalCards.N(g.Target), Day(g.Due))
                + (g.CheckedIn is { } day ? " · " + t.F("oneonone.goal.checkin", Day(day), g.Confidence, Percent(g.Pace ?? 0)) : ""),
                (int)Math.Round(Math.Max(0, g.Current - g.Start)), (int)Math.Round(Math.Max(1, g.Target - g.Start))));

        Section(body, t, t["oneonone.checkins"], a.CheckIns, "oneonone.checkins.none",
            c => t.F("oneonone.checkin.line", Day(c.Day), c.Goal, GoalCards.N(c.Value), c.Confidence));
        Section(body, t, t["oneonone.blockers"], a.CheckIns.Where(c => c.Blocker is not null).ToList(), "oneonone.blockers.none",
            c => t.F("oneonone.blocker.line", Day(c.Day), c.Goal, c.Blocker));
        Section(body, t, t.F("oneonone.kudos.received", a.KudosReceived.Count), a.KudosReceived, "oneonone.none",
            k => t.F("oneonone.kudos.from", Day(k.Day), List(t, k.Others), Quote(k.Message)) + (k.Value is null ? "" : $" #{k.Value}"));
        Section(body, t, t.F("oneonone.kudos.given", a.KudosGiven.Count), a.KudosGiven, "oneonone.none",
            k => t.F("oneonone.kudos.to", Day(k.Day), List(t, k.Others), Quote(k.Message)) + (k.Value is null ? "" : $" #{k.Value}"));
        Section(body, t, t.F("oneonone.feedback.received", a.FeedbackReceived.Count), a.FeedbackReceived, "oneonone.none",
            f => Feedback(t, "oneonone.feedback.from", f));
        Section(body, t, t.F("oneonone.feedback.given", a.FeedbackGiven.Count), a.FeedbackGiven, "oneonone.none",
            f => Feedback(t, "oneonone.feedback.to", f));
        return new Card("oneonone.agenda", t.F("oneonone.fallback", a.Name), body);
    }

    private static void Section<T>(List<CardElement> body, Texts t, string title, IReadOnlyList<T> items, string none, Func<T, string> line)
    {
        body.Add(new Header(title));
        var lines = items.Take(MaxItems).Select(line).ToList();
        if (items.Count > MaxItems) lines.Add(t.F("team.more", items.Count - MaxItems));
        body.Add(new TextBlock(lines.Count == 0 ? t[none] : string.Join("\n", lines)));
    }

    private static string Feedback(Texts t, string key, AgendaFeedback f) =>
        t.F(key, Day(f.Day), f.Subject, f.Other, f.Quality, f.Present, f.Total)
        + (f.Missing.Count == 0 ? "" : t.F("oneonone.feedback.missing", List(t, f.Missing.Select(m => t.Has("checklist." + m) ? t["checklist." + m] : Handoffs.HandoffChecklist.Localize(m, t)))))
        + (f.Comment is null ? "" : t.F("oneonone.feedback.comment", Quote(f.Comment)));

    private static string List(Texts t, IEnumerable<string> items) => string.Join(t.IsChinese ? "、" : ", ", items);

    // Long messages are cut: the agenda is a reminder of what was said, not its archive.
    private static string Quote(string text) => text.Length <= 160 ? text : text[..159] + "…";

    public static IEnumerable<(string, object)> Samples(Texts t)
    {
        var since = new DateOnly(2026, 11, 2);
        var full = new AgendaData("Ben", "SDR", since,
            [new AgendaNote(new(2026, 11, 25), "Can I shadow Ana on an enterprise demo?")],
            [new AgendaGoal("Meetings booked", 0, 18, 40, new(2026, 12, 31), 2, 0.72, new(2026, 11, 26))],
            [new AgendaCheckIn(new(2026, 11, 26), "Meetings booked", 18, 2, "Waiting on marketing for the new case study deck"),
             new AgendaCheckIn(new(2026, 11, 19), "Meetings booked", 14, 3, null)],
            [new AgendaKudos(new(2026, 11, 24), ["Ana"], "teamwork", "Great discovery notes on Contoso")],
            [new AgendaKudos(new(2026, 11, 20), ["Chloe", "Dan"], null, "Thanks for covering my calls")],
            [new AgendaFeedback(new(2026, 11, 23), "Contoso", "Ana", 3, 4, 6, ["timeline", "crm"], "Please log the call notes")],
            [new AgendaFeedback(new(2026, 11, 18), "Fabrikam", "Chloe", 5, 6, 6, [], null)]);
        yield return ("oneonone.agenda", Agenda(t, full));
        yield return ("oneonone.agenda.empty", Agenda(t, new AgendaData("Dan", null, since, [], [], [], [], [], [], [])));
    }
}
