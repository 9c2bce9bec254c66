namespace CollabBot.Core.Localization;

// Input refused because it is out of bounds.
internal static partial class En
{
    private static readonly Dictionary<string, string> Bounds = new()
    {
        ["goal.due.far"] = "The due date can be at most {0} years ahead (by {1} at the latest). Usage: {2}",
    };
}
