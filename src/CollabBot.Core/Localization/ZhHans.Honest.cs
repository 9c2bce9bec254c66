namespace CollabBot.Core.Localization;

// Dates, the pulse's state in the digest and the digest's components in words.
internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> Honest = new()
    {
        ["when"] = "{0}（{1}）{2}",
        ["day.short.monday"] = "周一",
        ["day.short.tuesday"] = "周二",
        ["day.short.wednesday"] = "周三",
        ["day.short.thursday"] = "周四",
        ["day.short.friday"] = "周五",
        ["day.short.saturday"] = "周六",
        ["day.short.sunday"] = "周日",
        ["digest.pulse.open"] = "脉搏调查：目前已作答 {0}/{1}。本轮仍在进行中，回答在关闭（{2}）前保持密封；届时若至少 {3} 人作答，结果即会显示。",
        ["digest.pulse.few"] = "脉搏调查：已作答 {0}/{1}，少于 {2} 人，因此本周的调查结果不予显示。",
        ["digest.pulse.shown"] = "脉搏调查：已作答 {0}/{1}。",
        ["digest.pulse.none"] = "本周没有脉搏调查，因此没有调查结果。",
        ["digest.suppressed.open"] = "调查关闭（{0}）前不显示",
        ["digest.suppressed.none"] = "本周没有脉搏调查",
        ["digest.one.rating"] = "仅一次评分",
        ["digest.component.one"] = "{0}（仅一次评分）· {1}",
        ["digest.component.weight"] = "占{1}的 {0}%",
        ["digest.reversed"] = "反向题（同意代表情况不好，例如“CRM 拖慢了你吗？”）按 6 − 回答计分。",
        ["pulse.posted"] = "脉搏调查已发布到 {1} 的频道，面向 {0} 名成员，每人通过卡片私下作答。",
        ["pulse.question.added.reversed"] = "问题 {0} 已作为反向题加入{1}：同意代表情况不好（按 6 − 回答计分）。从下一次脉搏调查起提问。",
        // Chinese has no plural: the same text for one.
        ["pulse.posted.one"] = "脉搏调查已发布到 {1} 的频道，面向 {0} 名成员，每人通过卡片私下作答。",
        ["checkin.thanks.one"] = "已为 {0} 个目标保存进展签到，谢谢！",
        ["checkin.prompt.line.one"] = "你的 {0} 个目标本周进展如何？有什么阻碍吗？",
        ["insight.no-kudos.one"] = "{0} 名成员在最近 4 周内未收到认可",
        ["insight.overdue.one"] = "{0} 位目标负责人本周尚未进展签到",
        ["insight.at-risk.one"] = "{0} 个目标存在风险（信心 ≤ 2 或进度低于 70%）",
        ["team.goal.rollup.one"] = "{0}：{1} / {2}（{3}%），来自 {4} 个关联目标，其目标值合计 {5} · 截止 {6}",
        ["oneonone.noted.one"] = "已加入你的一对一议程（最近 4 周共 {0} 条谈话要点）。经理会在议程中看到。",
    };
}
