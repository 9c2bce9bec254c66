using System.Collections.Concurrent;

namespace CollabBot.Core.Scoring;

// IANA zone lookups, cached: the runtime's own lookup takes a global lock, which
// serialises the scoring job's parallel teams.
internal static class Zones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Cache = new(StringComparer.Ordinal);

    public static TimeZoneInfo Find(string id) => Cache.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);

    public static bool Exists(string id) => Cache.ContainsKey(id) || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    // The start of the local day an instant falls on: how member-linked times are kept (no
    // finer than the day), in the team's zone so weeks count them on the right side.
    public static DateTimeOffset DayStart(DateTimeOffset at, TimeZoneInfo zone) =>
        IsoWeek.LocalMidnight(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime), zone);

    public static DateTimeOffset DayStart(DateTimeOffset at, string zoneId) => DayStart(at, Find(zoneId));
}
