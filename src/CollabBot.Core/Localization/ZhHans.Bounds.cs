namespace CollabBot.Core.Localization;

// Input refused because it is out of bounds, in Simplified Chinese.
internal static partial class ZhHans
{
    private static readonly Dictionary<string, string> Bounds = new()
    {
        ["goal.due.far"] = "截止日期最多只能设在 {0} 年之内（最晚 {1}）。用法：{2}",
    };
}
