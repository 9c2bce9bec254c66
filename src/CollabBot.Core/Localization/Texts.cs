using System.Globalization;

namespace CollabBot.Core.Localization;

// Every user-facing string, in English and Simplified Chinese. A member's own locale picks;
// the team's default falls back; anything else is English.
internal sealed class Texts
{
    public const string English = "en";
    public const string Chinese = "zh-Hans";
    public static readonly IReadOnlyList<string> Supported = [English, Chinese];

    private readonly IReadOnlyDictionary<string, string> _strings;

    private Texts(string locale, IReadOnlyDictionary<string, string> strings)
    {
        Locale = locale;
        _strings = strings;
    }

    public string Locale { get; }
    public bool IsChinese => Locale == Chinese;

    // Immutable, so one of each: every turn asks for one.
    private static readonly Texts InEnglish = new(English, En.Strings), InChinese = new(Chinese, ZhHans.Strings);

    public static Texts For(params string?[] preferences)
    {
        foreach (var preference in preferences)
            if (Normalize(preference) is { } locale) return locale == Chinese ? InChinese : InEnglish;
        return InEnglish;
    }

    // "zh", "zh-CN", "zh_cn", "zh-Hans" → zh-Hans; "en-US" → en; unknown → null.
    public static string? Normalize(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        var l = locale.Trim().Replace('_', '-').ToLowerInvariant();
        if (l.StartsWith("zh", StringComparison.Ordinal)) return Chinese;
        if (l.StartsWith("en", StringComparison.Ordinal)) return English;
        return null;
    }

    public string this[string key] =>
        _strings.TryGetValue(key, out var s) ? s : throw new KeyNotFoundException($"no text '{key}' in {Locale}");

    public bool Has(string key) => _strings.ContainsKey(key);

    public string F(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    public string DayName(DayOfWeek day) => this["day." + day.ToString().ToLowerInvariant()];

    // A list in the reader's language: "a, b" in English, "a、b" in Chinese.
    public string Join(IEnumerable<string> items) => string.Join(IsChinese ? "、" : ", ", items);

    // The text for a count: "<key>.one" for exactly one where the language has it (Chinese has
    // no plural, so it needs none); both take the same arguments.
    public string Plural(string key, long n) => n == 1 && Has(key + ".one") ? key + ".one" : key;

    // A local date and time with the weekday in the reader's language ("Fri 2026-12-11 02:38",
    // "2026-12-11（周五）02:38").
    public string When(DateTime local) => F("when", local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        this["day.short." + local.DayOfWeek.ToString().ToLowerInvariant()], local.ToString("HH:mm", CultureInfo.InvariantCulture));
}
