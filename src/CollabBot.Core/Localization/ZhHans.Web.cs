namespace CollabBot.Core.Localization;

// The digest outside chat: the chart, the link on the card and the web page.
internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> Web = new()
    {
        ["digest.chart.cei"] = "CEI",
        ["digest.chart.axis"] = "得分（0–100）",
        ["digest.chart.alt"] = "折线图：{0} 至 {1} 的 CEI 与七个维度，刻度 0–100；断开处为当周没有得分。最近一周的 CEI：{2}。",
        ["digest.open"] = "查看完整摘要",
        ["page.cei"] = "协作效能指数",
        ["page.coverage"] = "已评分维度 {0}/{1}",
        ["page.chart"] = "最近 8 周",
        ["page.dimensions"] = "各维度及其构成",
        ["page.component"] = "构成项",
        ["page.value"] = "数值",
        ["page.private"] = "经理视图。此私人链接有效期至 {0}，请勿转发。",
        ["page.model"] = "模型 {0} · 数据截至 {1}（{2}）",
        ["component.survey"] = "脉搏调查回答",
        ["component.participation"] = "脉搏调查参与率",
        ["component.answer-speed"] = "脉搏调查作答速度",
        ["component.check-in-rate"] = "目标进展签到完成率",
        ["component.confidence"] = "达成目标的信心",
        ["component.pace"] = "目标进度是否达标",
        ["component.linkage"] = "与团队目标关联的目标",
        ["component.handoff-quality"] = "交接质量评分",
        ["component.handoff-completeness"] = "交接清单完整度",
        ["component.handoff-speed"] = "交接评分速度",
        ["component.handoff-rated-share"] = "已评分交接的比例",
        ["component.recognition-coverage"] = "收到认可的成员",
        ["component.giving-breadth"] = "送出认可的成员",
        ["component.recognition-equality"] = "认可分布的均衡程度",
        ["component.blocker-free"] = "无阻碍的进展签到",
    };
}
