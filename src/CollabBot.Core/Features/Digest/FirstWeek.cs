using System.Globalization;
using CollabBot.Core.Cards;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Features.Digest;

// The digest of the week CollabBot arrived in covers only part of it: it says so, and when the
// first full week will be scored and posted (the team's digest day in the week after it).
internal static class FirstWeek
{
    public static bool IsPartial(Team team, IsoWeek week) => week.Start(Zones.Find(team.TimeZone)) < team.CreatedAt;

    public static string Note(Texts t, Team team, IsoWeek scored)
    {
        var full = scored.Next();
        var postedOn = full.Next().Monday.AddDays(((int)team.DigestDay - (int)DayOfWeek.Monday + 7) % 7);
        var when = $"{t.DayName(team.DigestDay)} {postedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {team.DigestTime.ToString("HH:mm", CultureInfo.InvariantCulture)}";
        return t.F("digest.first.partial", full, when);
    }

    public static Card WithNote(Card digest, string note) => digest with { Body = [.. digest.Body, new TextBlock(note, Subtle: true)] };
}
