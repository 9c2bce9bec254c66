using System.Globalization;
using System.Text.RegularExpressions;

namespace CollabBot.Core.Scoring;

// An ISO week ("2026-W47"). Its instants depend on the team's zone: Monday 00:00 local
// to the next Monday 00:00 local (cei-1 model, Time).
internal readonly partial record struct IsoWeek(int Year, int Week) : IComparable<IsoWeek>
{
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        var m = text is null ? null : Pattern().Match(text.Trim());
        if (m is null || !m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year < 1 || year > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
        week = new IsoWeek(year, number);
        return true;
    }

    public static IsoWeek Parse(string text) =>
        TryParse(text, out var w) ? w : throw new FormatException($"'{text}' is not an ISO week such as 2026-W47.");

    public static IsoWeek Containing(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return new IsoWeek(ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local));
    }

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public IsoWeek Previous() => FromMonday(Monday.AddDays(-7));
    public IsoWeek Next() => FromMonday(Monday.AddDays(7));
    public IsoWeek Minus(int weeks) => Plus(-weeks);
    public IsoWeek Plus(int weeks) => FromMonday(Monday.AddDays(7 * weeks));

    public DateTimeOffset Start(TimeZoneInfo zone) => LocalMidnight(Monday, zone);
    public DateTimeOffset End(TimeZoneInfo zone) => LocalMidnight(Monday.AddDays(7), zone);

    // 00:00 local on a date, as a UTC instant. Where a zone skips midnight (a DST gap),
    // the day starts at the first local time that exists.
    public static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    public int CompareTo(IsoWeek other) => (Year, Week).CompareTo((other.Year, other.Week));

    public override string ToString() => $"{Year:D4}-W{Week:D2}";

    private static IsoWeek FromMonday(DateOnly monday)
    {
        var d = monday.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(d), ISOWeek.GetWeekOfYear(d));
    }

    [GeneratedRegex(@"^(\d{4})-W(\d{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
