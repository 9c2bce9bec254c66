namespace CollabBot.Core.Storage;

// Names arrive from the platforms and from people's profiles with bounds of their own, wider
// than our columns (Entra ID allows a 256-character display name, a Teams team name is as long
// as its owner likes). SQLite stores any length; PostgreSQL refuses the whole row, which would
// turn every request of that person into a failure. A name is for showing, so it is cut to its
// column (with an ellipsis, never between the halves of a surrogate pair); ids are never cut.
internal static class Fit
{
    public static string To(string value, int max)
    {
        if (value.Length <= max) return value;
        var keep = max - 1;
        if (char.IsHighSurrogate(value[keep - 1])) keep--;
        return value[..keep] + "…";
    }
}
