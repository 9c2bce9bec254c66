namespace CollabBot.Tests.Support;

// Golden files: compare with the checked-in copy, or rewrite it when
// COLLABBOT_UPDATE_GOLDEN=1 (then review the diff before committing).
internal static class Golden
{
    public static void AssertMatches(string dir, string name, string actual)
    {
        var path = Path.Combine(dir, name + ".json");
        if (Environment.GetEnvironmentVariable("COLLABBOT_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"no golden file for {name}; run the tests with COLLABBOT_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
