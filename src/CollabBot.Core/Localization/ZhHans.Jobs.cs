namespace CollabBot.Core.Localization;

// What the scheduled jobs send and the commands that steer them, in Simplified Chinese.
internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> Jobs = new()
    {
        ["pulse.paused"] = "在 {0} 之前不会自动发送脉搏调查。`pulse pause 0` 可恢复。",
        ["pulse.resumed"] = "每周脉搏调查已恢复按计划发送。",
        ["pulse.reminder.title"] = "每周脉搏调查——温馨提醒",
        ["pulse.reminder.line"] = "本周的脉搏调查（{0}）开放至 {1}。只需约一分钟，答案完全匿名。",
        ["pulse.reminder.fallback"] = "提醒：本周脉搏调查开放至 {0}",
        ["checkin.prompt.title"] = "该做每周进展签到了",
        ["checkin.prompt.line"] = "你的 {0} 个目标本周进展如何？有什么阻碍吗？",
        ["checkin.prompt.button"] = "签到",
        ["checkin.prompt.fallback"] = "该做每周进展签到了（{0} 个目标）",
        ["handoff.reminder.title"] = "有一项交接等待你评分",
        ["handoff.reminder.line"] = "{0} 一天前把 {1} 交接给了你。简单评个分，能帮助对方把下一次交接做得更好。",
        ["handoff.reminder.fallback"] = "提醒：请为 {0} 交接的 {1} 评分",
    };
}
