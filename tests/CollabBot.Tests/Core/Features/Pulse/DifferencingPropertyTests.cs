using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Pulse;

// The differencing guard as a property: over random sequences of answer / forget me / rejoin /
// leave / pulse now / pulse close / digest / a week passing, every two survey figures the bot
// published for the team that share answers were drawn from answer sets that are equal or
// differ by the answers of at least k people. A published figure is one a manager's digest
// showed; its answer set is what the scorer used for it (the loader's data, the same as-of).
public sealed class DifferencingPropertyTests
{
    private static readonly string[] People = ["U-ANA", "U-BEN", "U-CHLOE", "U-DAN", "U-EVE", "U-FAY"];
    private const int K = 3;

    [Fact]
    public async Task Published_survey_figures_never_differ_by_fewer_than_k_answers()
    {
        var shown = 0;
        foreach (var seed in new[] { 11, 22, 33, 44, 55, 66 }) shown += await RunAsync(seed);
        // The property must have been put to work: sequences that published figures, several times.
        Assert.True(shown >= 4, $"only {shown} published survey figures over all sequences");
    }

    private static async Task<int> RunAsync(int seed)
    {
        var rnd = new Random(seed);
        await using var chat = await TestChat.InstallAsync("sqlite", TestChat.Workspace, [.. People.Select(p => (p, p[2..]))]);
        await chat.SayAsync("U-MAYA", $"settings anonymity {K}");
        var teamId = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        var published = new List<HashSet<string>>();

        // Week by week: a pulse, then a random mix of everything, then on to the next week. How
        // eager people are to answer varies by sequence, so rounds close with few and many answers.
        var eager = 10 + seed % 4 * 12;
        for (var week = 0; week < 6; week++)
        {
            await chat.SayAsync("U-MAYA", "pulse now");
            for (var step = 0; step < 25; step++)
            {
                var who = People[rnd.Next(People.Length)];
                var roll = rnd.Next(100);
                if (roll < eager) await AnswerAsync(chat, who, 1 + rnd.Next(5));
                else if ((roll -= eager) < 17) { if (await PublishedAsync(chat, teamId, last: rnd.Next(3) == 0) is { } set) published.Add(set); }
                else if (roll < 22) await ForgetAsync(chat, who);
                else if (roll < 32) await chat.SayAsync(who, "help");                     // (re)joins by speaking
                else if (roll < 37) await LeaveAsync(chat, who);
                else if (roll < 42) await chat.SayAsync("U-MAYA", "pulse close");
                else if (roll < 47) await chat.SayAsync("U-MAYA", "pulse now");
                chat.Db.Time.Advance(TimeSpan.FromMinutes(rnd.Next(5, 240)));
            }
            chat.Db.Time.Advance(TimeSpan.FromDays(7));
        }

        for (var i = 0; i < published.Count; i++)
            for (var j = i + 1; j < published.Count; j++)
            {
                var (a, b) = (published[i], published[j]);
                if (!a.Overlaps(b) || a.SetEquals(b)) continue;
                var differ = a.Except(b).Count() + b.Except(a).Count();
                Assert.True(differ >= K, $"seed {seed}: two published figures differ by {differ} answers");
            }
        return published.Count;
    }

    private static async Task AnswerAsync(TestChat chat, string user, int value)
    {
        var round = await chat.QueryAsync(db => db.Unscoped<PulseRound>().Where(r => r.ClosedAt == null).Select(r => (long?)r.Id).FirstOrDefaultAsync());
        if (round is null) return;
        if (await chat.ClickAsync(user, PulseActions.Open, new Dictionary<string, string> { ["r"] = round.Value.ToString(CultureInfo.InvariantCulture) }) is FormReply form)
            await chat.SubmitFormAsync(user, form.Form, PulseTests.AllAnswered(form.Form, value));
    }

    private static async Task ForgetAsync(TestChat chat, string user)
    {
        if (await chat.SayAsync(user, "forget me") is not CardReply confirm) return;
        var button = confirm.Card.Body.OfType<ActionRow>().Single().Actions.Single();
        await chat.ClickAsync(user, button.ActionId, button.Payload);
    }

    private static Task<Reply> LeaveAsync(TestChat chat, string user) =>
        chat.DispatchAsync(new Interaction(chat.Platform, TestChat.Workspace, user, TestChat.Channel, InteractionKind.MemberChange, "",
            Values: new Dictionary<string, string> { [InstallFlow.Left] = user }));

    // Asks for the digest (this week's, or the last one, scored by the weekly job first); when
    // its survey figures show, returns the answers they were drawn from.
    private static async Task<HashSet<string>?> PublishedAsync(TestChat chat, long teamId, bool last)
    {
        var now = chat.Db.Time.GetUtcNow();
        var zone = Zones.Find(await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.TimeZone).SingleAsync()));
        if (last)
        {
            var previous = IsoWeek.Containing(now, zone).Previous();
            await chat.QueryAsync(db => new WeeklyScoringJob(db, chat.Db.Time, chat.Db.Services.GetRequiredService<Pseudonyms>()).RunAsync(previous, [teamId]));
        }
        // `digest` alone shows the latest stored digest once there is one: ask for this week by name too.
        var reply = (CardReply)await chat.SayAsync("U-MAYA", last ? "digest last explain" : $"digest {IsoWeek.Containing(now, zone)} explain");
        var survey = reply.Card.Body.OfType<FactSet>().SelectMany(f => f.Facts)
            .Where(f => f.Label.EndsWith("· Pulse answers", StringComparison.Ordinal) && f.Value.Length > 0 && char.IsDigit(f.Value[0])).ToList();
        if (survey.Count == 0) return null;

        // The week the card shows: a stored digest (scored as of its week's end) or this week to date.
        var shownWeek = IsoWeek.Parse(System.Text.RegularExpressions.Regex.Match(ReplyText.Of(reply.Card), @"\d{4}-W\d{2}").Value);
        var storedAsOf = await chat.QueryAsync(db => db.Unscoped<DigestSnapshot>().Where(d => d.TeamId == teamId && d.Week == shownWeek.ToString())
            .Select(d => (DateTimeOffset?)d.AsOf).FirstOrDefaultAsync());
        var data = await chat.QueryAsync(db => new TeamDataLoader(db).LoadAsync([teamId], LoadWindow.ForWeek(shownWeek), default));
        var inputs = WeekInputs.Build(data[teamId], shownWeek, storedAsOf ?? now);
        Assert.True(inputs.Submissions.Count >= K, $"a survey figure was shown from {inputs.Submissions.Count} answers");
        return inputs.Submissions.Select(s => $"{s.Round.Id}/{s.Respondent}").ToHashSet();
    }
}
