using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Features.Retention;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Core.Features.Retention;

public sealed class RetentionJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PulseCutoff = Now.AddDays(-400);
    private static readonly DateTimeOffset OutboxCutoff = Now.AddDays(-30);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Answers_and_delivered_messages_past_their_window_go_and_everything_else_stays(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Now);
        long outsideRound, insideRound, bigRound, workspaceId;
        await using (var scope = db.Scope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            var (ws, team, members) = await Seed.TeamAsync(ctx, "acme");
            workspaceId = ws.Id;
            // Closed one second past the window: every answer in it is older than 400 days.
            outsideRound = await RoundAsync(ctx, team, PulseCutoff - Second, members, responses: 3);
            // Closed one second inside it: kept whole, though some answers came before the cutoff.
            insideRound = await RoundAsync(ctx, team, PulseCutoff + Second, members, responses: 3);
            // More expired answers than one delete batch holds.
            bigRound = await RoundAsync(ctx, team, PulseCutoff.AddDays(-30), members, responses: RetentionJob.Batch * 2 + 7);
            ctx.Add(new DigestSnapshot
            {
                WorkspaceId = ws.Id,
                TeamId = team.Id,
                Week = "2025-W30",
                Model = "cei-1",
                AsOf = PulseCutoff.AddDays(-60),
                ComputedAt = PulseCutoff.AddDays(-60),
                Cei = 71,
                Json = "{}"
            });

            Outbox(ctx, ws.Id, "sent-outside", OutboxStatus.Sent, OutboxCutoff - Second);
            Outbox(ctx, ws.Id, "sent-inside", OutboxStatus.Sent, OutboxCutoff + Second);
            for (var i = 0; i < RetentionJob.Batch + 3; i++) Outbox(ctx, ws.Id, $"sent-old-{i}", OutboxStatus.Sent, OutboxCutoff.AddDays(-100));
            Outbox(ctx, ws.Id, "failed-old", OutboxStatus.Failed, null, created: OutboxCutoff.AddDays(-100));
            Outbox(ctx, ws.Id, "dead-old", OutboxStatus.DeadLetter, null, created: OutboxCutoff.AddDays(-100));
            Outbox(ctx, ws.Id, "pending-old", OutboxStatus.Pending, null, created: OutboxCutoff.AddDays(-100));
            // An old post that a waiting update still needs (its platform id) is kept until the update is out.
            Outbox(ctx, ws.Id, "sent-updated-later", OutboxStatus.Sent, OutboxCutoff.AddDays(-5));
            Outbox(ctx, ws.Id, "update-waiting", OutboxStatus.Pending, null, created: Now, updates: "sent-updated-later");
            await ctx.SaveChangesAsync();
        }

        var run = await db.Services.GetRequiredService<RetentionJob>().PurgeAsync(TestContext.Current.CancellationToken);
        Assert.Equal((PulseCutoff, 3 + RetentionJob.Batch * 2 + 7), (run.PulseCutoff, run.PulseResponses));
        Assert.Equal((OutboxCutoff, 1 + RetentionJob.Batch + 3), (run.OutboxCutoff, run.OutboxRows));

        await using (var scope = db.Scope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            var responses = await ctx.Unscoped<PulseResponse>().Include(r => r.Answers).ToListAsync();
            Assert.All(responses, r => Assert.Equal(insideRound, r.RoundId));
            Assert.Equal(3, responses.Count);
            Assert.All(responses, r => Assert.Equal(2, r.Answers.Count));
            Assert.Contains(responses, r => r.Comment == "comment 0");
            Assert.Equal(6, await ctx.Unscoped<PulseAnswer>().CountAsync());
            // The rounds, their questions and who took part stay: the response rate, with no answer in it.
            Assert.Equal(3, await ctx.Unscoped<PulseRound>().CountAsync());
            Assert.Equal(6, await ctx.Unscoped<PulseRoundQuestion>().CountAsync());
            Assert.Equal(3, await ctx.Unscoped<PulseParticipation>().CountAsync(p => p.RoundId == outsideRound));
            Assert.Equal(3, await ctx.Unscoped<PulseParticipation>().CountAsync(p => p.RoundId == bigRound));
            Assert.Equal(71, (await ctx.Unscoped<DigestSnapshot>().SingleAsync()).Cei);

            var keys = await ctx.Unscoped<OutboxMessage>().Select(m => m.IdempotencyKey).ToListAsync();
            Assert.Equal(["dead-old", "failed-old", "pending-old", "sent-inside", "sent-updated-later", "update-waiting"], keys.Order());
            Assert.All(await ctx.Unscoped<OutboxMessage>().ToListAsync(), m => Assert.Equal(workspaceId, m.WorkspaceId));
        }

        // Once the update is delivered, the post it needed goes too; a second run finds nothing else.
        await using (var scope = db.Scope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
            await ctx.Unscoped<OutboxMessage>().Where(m => m.IdempotencyKey == "update-waiting")
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, Now));
        }
        var again = await db.Services.GetRequiredService<RetentionJob>().PurgeAsync(TestContext.Current.CancellationToken);
        Assert.Equal((0, 1), (again.PulseResponses, again.OutboxRows));

        // A day later, what was just inside the windows is just outside them.
        db.Time.Advance(TimeSpan.FromDays(1));
        var later = await db.Services.GetRequiredService<RetentionJob>().PurgeAsync(TestContext.Current.CancellationToken);
        Assert.Equal((3, 1), (later.PulseResponses, later.OutboxRows));
    }

    [Theory]
    [InlineData(27, 30)]
    [InlineData(400, 0)]
    public void Windows_too_short_to_keep_the_digest_working_are_refused(int pulseDays, int outboxDays) =>
        Assert.Throws<InvalidOperationException>(() => new RetentionOptions { PulseAnswerDays = pulseDays, OutboxDays = outboxDays }.Validated());

    private static async Task<long> RoundAsync(CollabDbContext ctx, Team team, DateTimeOffset closes, List<Member> members, int responses)
    {
        var round = new PulseRound
        {
            WorkspaceId = team.WorkspaceId,
            TeamId = team.Id,
            Week = "w" + (closes.ToUnixTimeSeconds() % 1_000_000_000),
            SentAt = closes.AddDays(-3),
            ClosesAt = closes,
            ClosedAt = closes,
            Questions =
            [
                new() { WorkspaceId = team.WorkspaceId, Key = "q1", Dimension = "clarity", Position = 0 },
                new() { WorkspaceId = team.WorkspaceId, Key = "q2", Dimension = "trust", Position = 1 },
            ],
        };
        ctx.Add(round);
        await ctx.SaveChangesAsync();
        ctx.AddRange(members.Select(m => new PulseParticipation { WorkspaceId = team.WorkspaceId, RoundId = round.Id, MemberId = m.Id }));
        ctx.AddRange(Enumerable.Range(0, responses).Select(i => new PulseResponse
        {
            WorkspaceId = team.WorkspaceId,
            RoundId = round.Id,
            Respondent = $"p{i}",
            AnsweredAt = closes.AddDays(-2),
            Comment = $"comment {i}",
            Answers = [new() { WorkspaceId = team.WorkspaceId, QuestionKey = "q1", Value = 4 }, new() { WorkspaceId = team.WorkspaceId, QuestionKey = "q2", Value = 2 }],
        }));
        await ctx.SaveChangesAsync();
        return round.Id;
    }

    private static void Outbox(CollabDbContext ctx, long workspaceId, string key, OutboxStatus status, DateTimeOffset? sent,
        DateTimeOffset? created = null, string? updates = null) =>
        ctx.Add(new OutboxMessage
        {
            WorkspaceId = workspaceId,
            IdempotencyKey = key,
            Target = "C1",
            Kind = updates is null ? CollabBot.Core.Delivery.Outbox.Post : CollabBot.Core.Delivery.Outbox.Update,
            UpdatesKey = updates,
            PayloadJson = "{}",
            Status = status,
            CreatedAt = created ?? sent!.Value.AddMinutes(-1),
            NextAttemptAt = created ?? sent!.Value,
            SentAt = sent,
            PlatformMessageId = sent is null ? null : "C1|1.0",
        });
}
