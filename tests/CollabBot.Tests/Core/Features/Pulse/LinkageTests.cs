using System.Globalization;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Pulse;

// An operator holding the database but not the pseudonym key tries every join they can after a
// scripted round (answers at distinct times, a reminder between them, a late joiner who
// answers) and must tie no response to a member: no time on a response, no order that follows
// the answers, no shared transaction id (PostgreSQL xmin), no member-linked time finer than the
// day. Each person's comment names them here only so the test knows who wrote which response.
public sealed class LinkageTests
{
    private static readonly string[] People = ["U-ANA", "U-BEN", "U-CHLOE", "U-DAN", "U-EVE", "U-FAY", "U-GUS", "U-HAL"];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task With_the_database_alone_no_response_can_be_tied_to_a_member(string provider)
    {
        await using var chat = await TestChat.InstallAsync(provider, TestChat.Workspace, [.. People.Select(p => (p, p[2..]))]);
        var teamId = await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.Id).SingleAsync());
        await chat.SayAsync("U-MAYA", "pulse now");
        var round = await chat.QueryAsync(db => db.Unscoped<PulseRound>().SingleAsync());

        var answerOrder = new List<string>();
        async Task AnswerAsync(string user)
        {
            chat.Db.Time.Advance(TimeSpan.FromMinutes(7));
            var form = ((FormReply)await chat.ClickAsync(user, PulseActions.Open, new Dictionary<string, string> { ["r"] = round.Id.ToString(CultureInfo.InvariantCulture) })).Form;
            var values = new Dictionary<string, string>(PulseTests.AllAnswered(form, 1 + answerOrder.Count % 5)) { [PulseActions.Comment] = "by " + user };
            Assert.Contains("anonymously", ReplyText.Of(await chat.SubmitFormAsync(user, form, values)));
            answerOrder.Add(user);
        }
        foreach (var p in People.Take(4)) await AnswerAsync(p);
        chat.Db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(5, await chat.Db.Services.GetRequiredService<PulseJobs>().RemindAsync(teamId, TestContext.Current.CancellationToken));
        foreach (var p in People.Skip(4).Reverse()) await AnswerAsync(p);
        chat.Db.Time.Advance(TimeSpan.FromMinutes(13));
        await chat.SayAsync("U-NEW", "help");                        // joins by speaking, then answers
        await AnswerAsync("U-NEW");
        Assert.Contains("Pulse closed: 9 of", ReplyText.Of(await chat.SayAsync("U-MAYA", "pulse close")));

        var responses = await chat.QueryAsync(db => db.Unscoped<PulseResponse>().OrderBy(r => r.Id).ToListAsync());
        var members = await chat.QueryAsync(db => db.Unscoped<Member>().ToListAsync());
        Assert.Equal(9, responses.Count);
        Assert.Equal(0, await chat.QueryAsync(db => db.Unscoped<PulseSealedAnswer>().CountAsync()));

        // Times: none on a response; members' joins (the late joiner's too) are whole days.
        Assert.All(responses, r => Assert.Null(r.AnsweredAt));
        var zone = Zones.Find(await chat.QueryAsync(db => db.Unscoped<Team>().Select(t => t.TimeZone).SingleAsync()));
        Assert.All(members, m => Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(m.JoinedAt, zone).TimeOfDay));
        // No member-linked row keeps a time: participation is who was asked, the reminder one instant per round.
        var model = chat.Db.Services.CreateScope().ServiceProvider.GetRequiredService<CollabDbContext>().Model;
        foreach (var type in new[] { typeof(PulseParticipation), typeof(PulseAnswerMark) })
            Assert.DoesNotContain(model.FindEntityType(type)!.GetProperties(), p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?));
        Assert.NotNull((await chat.QueryAsync(db => db.Unscoped<PulseRound>().SingleAsync())).RemindedAt);

        // Order: the responses' ids follow neither the answers nor the members (a shuffle of 9:
        // a 1 in 362,880 chance of matching any one order by accident).
        var stored = responses.Select(r => r.Comment![3..]).ToList();
        Assert.Equal(answerOrder.Order(), stored.Order());
        Assert.NotEqual(answerOrder, stored);
        Assert.NotEqual(Enumerable.Reverse(answerOrder), stored);
        Assert.NotEqual(members.OrderBy(m => m.Id).Select(m => m.PlatformUserId).Where(answerOrder.Contains), stored);

        // Keys: marks and reminder keys say nothing without the key.
        var marks = await chat.QueryAsync(db => db.Unscoped<PulseAnswerMark>().Select(m => m.Mark).ToListAsync());
        var reminders = (await chat.OutboxAsync()).Where(m => m.IdempotencyKey.Contains(":remind:")).ToList();
        Assert.Equal(5, reminders.Count);
        foreach (var m in members)
        {
            Assert.DoesNotContain(marks, k => k.Contains(m.PlatformUserId, StringComparison.Ordinal));
            Assert.DoesNotContain(reminders, r => r.IdempotencyKey.EndsWith($":{m.Id}", StringComparison.Ordinal));
        }
        var wrongKey = new Pseudonyms(new byte[32]);
        Assert.DoesNotContain(marks, k => members.Any(m => wrongKey.Mark(round.Id, m.PlatformUserId) == k));

        // PostgreSQL: the close wrote every response in one transaction, none shared with a mark or an invitation.
        if (provider == "postgres")
        {
            var xmins = await chat.QueryAsync(db => db.Database.SqlQueryRaw<string>("""SELECT xmin::text AS "Value" FROM "PulseResponses" """).ToListAsync());
            Assert.Single(xmins.Distinct());
            var others = await chat.QueryAsync(db => db.Database.SqlQueryRaw<string>(
                """SELECT xmin::text AS "Value" FROM "PulseAnswerMarks" UNION SELECT xmin::text FROM "PulseParticipations" """).ToListAsync());
            Assert.DoesNotContain(xmins[0], others);
        }
    }
}
