using System.Collections.Concurrent;

namespace CollabBot.Core.Scoring;

// IANA zone lookups, cached: the runtime's own lookup takes a global lock, which
// serialises the scoring job's parallel teams.
internal static class Zones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Cache = new(StringComparer.Ordinal);

    public static TimeZoneInfo Find(string id) => Cache.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);

    public static bool Exists(string id) => Cache.ContainsKey(id) || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
