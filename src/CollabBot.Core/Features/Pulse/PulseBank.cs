using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.Pulse;

internal sealed record BankQuestion(string Key, string Dimension, string En, string Zh, bool Reversed = false)
{
    public string Text(bool chinese) => chinese ? Zh : En;
}

// The cei-1 model's default bank: two variants per dimension, alternating weekly.
internal static class PulseBank
{
    public static readonly IReadOnlyList<BankQuestion> All =
    [
        new("role.a", "role", "This week I was clear about my role on each deal.", "本周我清楚自己在每个商机中的角色。"),
        new("role.b", "role", "Responsibilities between me and my teammates did not overlap or fall through the cracks.", "我与同事之间的职责没有重叠或遗漏。"),
        new("communication.a", "communication", "Information I needed reached me in time.", "我需要的信息都及时传达给了我。"),
        new("communication.b", "communication", "Our meetings and channels helped more than they distracted.", "团队会议和频道的帮助多于干扰。"),
        new("alignment.a", "alignment", "I know how my goals add up to the team's target.", "我清楚自己的目标如何支撑团队目标。"),
        new("alignment.b", "alignment", "The team agreed on priorities this week.", "本周团队对优先事项达成了一致。"),
        new("sharing.a", "sharing", "Teammates shared leads, material or know-how when I needed it.", "需要时，同事愿意分享线索、资料或经验。"),
        new("sharing.b", "sharing", "Handoffs I received had what I needed to continue.", "我接手的工作包含继续推进所需的信息。"),
        new("recognition.a", "recognition", "My contributions were recognised this week.", "本周我的贡献得到了认可。"),
        new("recognition.b", "recognition", "Rewards on this team are fair.", "团队的激励是公平的。"),
        new("process.a", "process", "Our sales process had no avoidable blockers this week.", "本周销售流程没有可避免的阻碍。"),
        new("process.b", "process", "When something went wrong, we noticed it early.", "出现问题时，我们能及早发现。"),
        new("feedback.a", "feedback", "I received useful feedback on my work this week.", "本周我收到了有用的工作反馈。"),
        new("feedback.b", "feedback", "Feedback I gave led to a change.", "我提出的反馈带来了改变。"),
    ];

    // Even ISO weeks ask variant A, odd weeks variant B: one question per dimension.
    public static IReadOnlyList<BankQuestion> ForWeek(IsoWeek week)
    {
        var variant = week.Week % 2 == 0 ? ".a" : ".b";
        return All.Where(q => q.Key.EndsWith(variant, StringComparison.Ordinal)).ToList();
    }

    public static BankQuestion? Find(string key) => All.FirstOrDefault(q => q.Key == key);
}
