using System.Diagnostics.Metrics;
using System.Globalization;
using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Comments;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Core.Telemetry;
using CollabBot.Host.Digest;
using CollabBot.Tests.Core.Features.Pulse;
using CollabBot.Tests.Host.Telemetry;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Tests.Core.Features.Comments;

// Issue #17: no manager view (`comments`, the digest card, the digest page), log line, metric
// or export links a comment or a reply to its author — while the loop runs end to end: two
// comments, a manager's reply, the author's answer back by `reply`, the weekly digest.
public sealed class CommentsPrivacyTests
{
    private const string AnaComment = "ANA-COMMENT-7f3 The CRM sync drops notes";
    private const string BenComment = "BEN-COMMENT-9c1 More demo slots";
    private const string ManagerReply = "MANAGER-REPLY-2d8 we fix the sync";
    private const string AnaAnswer = "ANA-ANSWER-5e0 mostly from mobile";
    private static readonly (string, string)[] Roster = [("U-ANA", "Ana"), ("U-BEN", "Ben"), ("U-CHLOE", "Chloe"), ("U-DAN", "Dan"), ("U-EVE", "Eve")];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task No_view_log_metric_or_export_ties_a_comment_or_reply_to_its_author(string provider)
    {
        var logs = new LogCapture();
        var measured = new List<string>();
        using var meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == CollabMetrics.MeterName) l.EnableMeasurementEvents(i); } };
        meters.SetMeasurementEventCallback<long>((i, _, tags, _) => { lock (measured) measured.Add(i.Name + " " + string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))); });
        meters.Start();
        var db = await TestDatabase.CreateAsync(provider, extra: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        await using var chat = await TestChat.InstallAsync(db, Roster);
        await chat.SayAsync("U-MAYA", "pulse now");
        var round = (await chat.QueryAsync(d => d.Unscoped<PulseRound>().SingleAsync())).Id.ToString(CultureInfo.InvariantCulture);
        foreach (var (user, comment) in new[] { ("U-ANA", AnaComment), ("U-BEN", BenComment), ("U-CHLOE", null), ("U-DAN", null), ("U-EVE", null) })
        {
            var form = ((FormReply)await chat.ClickAsync(user, PulseActions.Open, new Dictionary<string, string> { ["r"] = round })).Form;
            var values = new Dictionary<string, string>(PulseTests.AllAnswered(form, 4));
            if (comment is not null) values[PulseActions.Comment] = comment;
            await chat.SubmitFormAsync(user, form, values);
        }
        await chat.SayAsync("U-MAYA", "pulse close");

        // The manager's views: comments, the digest card, the page.
        var views = new List<string> { ReplyText.Of(await chat.SayAsync("U-MAYA", "comments")), ReplyText.Of(await chat.SayAsync("U-MAYA", "digest")) };
        var n = views[0].Split('\n').Single(l => l.Contains("ANA-COMMENT")).Split('.')[0];
        Assert.Contains("Sent privately", ReplyText.Of(await chat.SayAsync("U-MAYA", $"reply {n} {ManagerReply}")));
        Assert.Contains("anonymously", ReplyText.Of(await chat.SayAsync("U-ANA", $"reply {AnaAnswer}", conversation: "D-U-ANA")));
        var team = await chat.QueryAsync(d => d.Unscoped<Team>().SingleAsync());
        var week = IsoWeek.Containing(db.Time.GetUtcNow(), TimeZoneInfo.Utc);
        db.Time.Advance(TimeSpan.FromDays(7));
        await using (var scope = db.Scope())
        {
            var s = scope.ServiceProvider;
            Assert.NotNull(await s.GetRequiredService<DigestJobs>().WeeklyAsync(team.Id));
            var d = s.GetRequiredService<CollabDbContext>();
            d.ForWorkspace(team.WorkspaceId);
            var label = week.ToString();
            var stored = await d.DigestSnapshots.SingleAsync(x => x.Week == label);
            var comments = await DigestComments.LoadAsync(d, team, week, default);
            Assert.Equal(CommentsState.Shown, comments!.State);
            var snapshot = CollabJson.Deserialize<Snapshot>(stored.Json);
            views.Add(DigestPage.Render(Texts.For("en"), snapshot, DigestSeries.For(week, [snapshot], Texts.For("en")), "/chart.png", db.Time.GetUtcNow(), comments: comments));
            // The exports: the team's (what `export --team` writes) and each person's own.
            var data = (await s.GetRequiredService<TeamDataLoader>().LoadAsync([team.Id], null, default))[team.Id];
            var teamExport = CollabJson.Serialize(data);
            foreach (var secret in new[] { AnaComment, BenComment, ManagerReply, AnaAnswer }) Assert.DoesNotContain(secret, teamExport);
        }
        var outbox = await chat.OutboxAsync();
        var toManagers = outbox.Where(m => m.TargetKind == OutboxTarget.Member && m.Target == "U-MAYA").Select(m => m.PayloadJson).ToList();
        Assert.Contains(toManagers, p => p.Contains(AnaAnswer));                                  // the answer reached Maya
        Assert.Contains(toManagers, p => p.Contains(AnaComment) && p.Contains("digest.manager")); // the weekly digest, with the comments
        var channel = outbox.Where(m => m.TargetKind == OutboxTarget.Channel).Select(m => m.PayloadJson).ToList();
        Assert.Contains(channel, p => p.Contains("digest.channel"));
        Assert.DoesNotContain(channel, p => p.Contains("COMMENT") || p.Contains("MANAGER-REPLY") || p.Contains("ANA-ANSWER"));
        views.AddRange(toManagers);
        // The manager digest names people where data is not anonymous (kudos): its comments part never does.
        Assert.All(views, v => Assert.DoesNotContain("U-ANA", v));
        Assert.All(views.Select(CommentsPart), v => Assert.False(System.Text.RegularExpressions.Regex.IsMatch(v, @"\b(Ana|Ben)\b"), v));
        Assert.Contains(views, v => v.Contains("ANA-COMMENT") && v.Contains("<li>"));               // the page shows it, unnamed

        foreach (var user in new[] { "U-ANA", "U-MAYA" })
        {
            var reply = await chat.SayAsync(user, "export me", conversation: "D-" + user);
            var export = ReplyText.Of(reply) + (reply is FileReply f ? f.Content : "");
            Assert.Contains(user == "U-ANA" ? "Ana" : "Maya", export);
            foreach (var secret in new[] { AnaComment, BenComment, ManagerReply, AnaAnswer }) Assert.DoesNotContain(secret, export);
        }

        // Logs at Trace (EF's commands included) and every metric's tags: no comment, reply,
        // route or token, and no author with any of them.
        var routes = await chat.QueryAsync(d => d.Unscoped<PulseResponse>().Where(r => r.ReplyRoute != null).Select(r => r.ReplyRoute!).ToListAsync());
        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.DoesNotContain("U-", r));
        var tokens = outbox.Where(m => m.IdempotencyKey.StartsWith(CommentAnswers.Prefix, StringComparison.Ordinal)).SelectMany(m => TestChat.CardOf(m).Body.OfType<ActionRow>())
            .SelectMany(r => r.Actions).Select(a => a.Payload![CommentsActions.Token]).ToList();
        Assert.Equal(2, tokens.Count);
        var entries = logs.Entries.SelectMany(e => e.Texts()).ToList();
        Assert.Contains(entries, e => e.Contains("SELECT", StringComparison.OrdinalIgnoreCase));  // the capture saw EF's commands
        foreach (var secret in routes.Concat(tokens).Concat([AnaComment, BenComment, ManagerReply, AnaAnswer, "ANA-", "MANAGER-REPLY"]))
        {
            Assert.DoesNotContain(entries, e => e.Contains(secret, StringComparison.Ordinal));
            lock (measured) Assert.DoesNotContain(measured, m => m.Contains(secret, StringComparison.Ordinal));
        }
        lock (measured) Assert.DoesNotContain(measured, m => m.Contains("U-ANA", StringComparison.Ordinal));
    }

    // A view from its comments heading to the end of that section (the whole view when it has none).
    private static readonly string[] SectionEnds = ["</section>", "\"type\":\"actions\"", "\"type\":\"facts\""];

    private static string CommentsPart(string view)
    {
        var start = Math.Max(0, view.IndexOf("Anonymous comments", StringComparison.Ordinal));
        var ends = SectionEnds.Select(e => view.IndexOf(e, start, StringComparison.Ordinal)).Where(i => i >= 0);
        return view[start..ends.DefaultIfEmpty(view.Length).Min()];
    }
}
