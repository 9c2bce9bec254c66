using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Storage;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Tests.Core.Features.TeamView;

public sealed class TeamViewTests
{
    // Maya's team goal with Ana's and Ben's goals linked to it; three weeks later Ben checks in
    // behind pace, unsure and blocked, Ana well ahead.
    internal static async Task<TestChat> TeamWithGoalsAsync()
    {
        var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-MAYA", "goal team Q4 bookings target 2000 by 2026-12-31");
        var teamGoal = (await chat.QueryAsync(db => db.Unscoped<Goal>().SingleAsync())).Id;
        await chat.SayAsync("U-ANA", $"goal add Pipeline won target 600 by 2026-12-31 team-goal g{teamGoal}");
        await chat.SayAsync("U-BEN", $"goal add Meetings booked target 40 by 2026-12-31 team-goal g{teamGoal}");
        await chat.SayAsync("U-BEN", "kudos <@U-ANA> #teamwork great demo");
        await chat.SayAsync("U-CHLOE", "kudos <@U-ANA> <@U-BEN> thanks for the intro");
        await chat.SayAsync("U-BEN", "handoff <@U-ANA> Contoso: budget confirmed");
        await chat.QueryAsync(async db =>
        {
            foreach (var (user, role) in new[] { ("U-ANA", "AE"), ("U-BEN", "SDR") })
                (await db.Unscoped<Member>().SingleAsync(m => m.PlatformUserId == user)).SalesRole = role;
            return await db.SaveChangesAsync();
        });

        chat.Db.Time.Advance(TimeSpan.FromDays(20));                       // Wednesday 2026-12-16, W51
        await CheckInAsync(chat, "U-ANA", "400", "4", "");
        await CheckInAsync(chat, "U-BEN", "2", "2", "Waiting on marketing for the new case study deck");
        return chat;
    }

    private static async Task CheckInAsync(TestChat chat, string user, string value, string confidence, string blocker)
    {
        var form = Assert.IsType<FormReply>(await chat.SayAsync(user, "checkin")).Form;
        var goal = form.Fields.OfType<NumberInput>().Single().Id[1..];
        Assert.Contains("Check-in saved", ReplyText.Of(await chat.SubmitFormAsync(user, form, new Dictionary<string, string>
        { ["v" + goal] = value, ["c" + goal] = confidence, ["b" + goal] = blocker })));
    }

    [Fact]
    public async Task The_manager_sees_the_roll_up_who_is_behind_this_weeks_blockers_by_name_and_each_members_counts()
    {
        await using var chat = await TeamWithGoalsAsync();
        var reply = Assert.IsType<CardReply>(await chat.SayAsync("U-MAYA", "team"));
        Assert.True(reply.Ephemeral);
        Assert.Equal("team.view", reply.Card.Kind);
        var text = ReplyText.Of(reply);
        Assert.Contains("Team view — sales · 2026-W51", text);
        // 400 + 2 of 2000 after 20.5 of the goal's 36 days.
        Assert.Contains("Q4 bookings: 402 of 2000 (20%) from 2 linked goals, whose targets add up to 640 · due 2026-12-31 · behind pace: 20% done with 57% of the time gone", text);
        Assert.Contains("Ben — Meetings booked: pace 9%, confidence 2/5 (checked in 2026-12-16)", text);
        Assert.DoesNotContain("Ana — Pipeline won", text);                 // 67% done with 57% gone, confidence 4
        Assert.Contains("Ben (Meetings booked, 2026-12-16): Waiting on marketing for the new case study deck", text);
        Assert.Contains("Members since 2026-11-23", text);
        Assert.Contains("Ana · AE: kudos: 2 received, 0 given · handoffs: 0 made, 1 received", text);
        Assert.Contains("Ben · SDR: kudos: 1 received, 1 given · handoffs: 1 made, 0 received", text);
        Assert.Contains("Chloe: kudos: 0 received, 1 given", text);
        Assert.Contains("Maya · manager: kudos: 0 received, 0 given", text);
    }

    [Fact]
    public async Task Last_weeks_blockers_and_kudos_older_than_four_weeks_leave_the_view()
    {
        await using var chat = await TeamWithGoalsAsync();
        chat.Db.Time.Advance(TimeSpan.FromDays(7));                        // W52: the blocker was last week's
        var text = ReplyText.Of(await chat.SayAsync("U-MAYA", "team"));
        Assert.Contains("Nobody named a blocker in this week's check-ins.", text);
        Assert.Contains("Ana · AE: kudos: 0 received", text);              // given in W48, outside W49..W52
    }

    [Fact]
    public async Task A_team_with_nothing_yet_gets_an_empty_view_that_says_what_to_do()
    {
        await using var chat = await TestChat.InstallAsync();
        var text = ReplyText.Of(await chat.SayAsync("U-MAYA", "team", locale: "zh-CN"));
        Assert.Contains("还没有团队目标", text);
        Assert.Contains("所有已签到的目标进度正常", text);
        Assert.Contains("本周的进展签到中没有人填写阻碍", text);
    }

    [Fact]
    public async Task A_rep_gets_no_team_view_and_extra_words_get_the_usage()
    {
        await using var chat = await TeamWithGoalsAsync();
        var refused = ReplyText.Of(await chat.SayAsync("U-ANA", "team"));
        Assert.Contains("Only the team's managers", refused);
        Assert.DoesNotContain("Waiting on marketing", refused);
        Assert.Contains("Usage: team", ReplyText.Of(await chat.SayAsync("U-MAYA", "team everyone")));
    }

    [Fact]
    public async Task The_check_in_form_says_managers_see_it_with_names_in_both_languages()
    {
        await using var chat = await TeamWithGoalsAsync();
        Assert.Contains("Check-ins are not anonymous: your managers see them with your name, blockers included.",
            ReplyText.Of(await chat.SayAsync("U-ANA", "checkin")));
        Assert.Contains("进展签到不是匿名的：经理会看到你的签到内容和姓名，包括你填写的阻碍。", ReplyText.Of(await chat.SayAsync("U-ANA", "checkin", locale: "zh-CN")));
    }
}

public sealed class TeamViewPairTests
{
    [Fact]
    public async Task The_team_view_shows_handoff_quality_by_role_pair_once_a_pair_has_k_ratings()
    {
        await using var chat = await TestChat.InstallAsync();
        await chat.SayAsync("U-MAYA", "settings anonymity 3");
        var (ana, ben) = (await chat.MemberAsync("U-ANA"), await chat.MemberAsync("U-BEN"));
        var now = chat.Db.Time.GetUtcNow();
        await chat.QueryAsync(async db =>
        {
            for (var i = 0; i < 4; i++)
            {
                var h = new CollabBot.Core.Features.Handoffs.Handoff
                {
                    WorkspaceId = ana.WorkspaceId,
                    TeamId = ana.TeamId,
                    FromId = ben.Id,
                    ToId = ana.Id,
                    Subject = $"Account {i}",
                    RolePair = "SDR>AE",
                    At = now.AddDays(-2)
                };
                db.Add(h);
                await db.SaveChangesAsync();
                if (i < 3)
                    db.Add(new CollabBot.Core.Features.Handoffs.HandoffFeedback
                    {
                        WorkspaceId = ana.WorkspaceId,
                        HandoffId = h.Id,
                        Quality = 4,
                        ItemsPresent = 5,
                        ItemsTotal = 6,
                        MissingItems = "Budget known",
                        At = now.AddDays(-1)
                    });
            }
            db.Add(new CollabBot.Core.Features.Handoffs.Handoff
            {
                WorkspaceId = ana.WorkspaceId,
                TeamId = ana.TeamId,
                FromId = ana.Id,
                ToId = ben.Id,
                Subject = "Renewal",
                RolePair = "AE>CSM",
                At = now.AddDays(-1)
            });
            return await db.SaveChangesAsync();
        });
        var text = ReplyText.Of(await chat.SayAsync("U-MAYA", "team"));
        Assert.True(text.Contains("Handoffs by role pair"), text);
        Assert.Contains("SDR → AE: 4 made, 3 rated · quality 4.0 of 5 · checklist 83% complete · most often missing: Budget known", text);
        Assert.Contains("AE → CSM: 1 made, 0 rated (quality shows from 3 ratings)", text);
    }
}
