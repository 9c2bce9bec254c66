using CollabBot.Core;
using CollabBot.Core.Scoring;
using CollabBot.Host.Cli;
using CollabBot.Tests.Core.Scoring;

namespace CollabBot.Tests.Host.Cli;

public sealed class CliTests : IDisposable
{
    private readonly List<string> _files = [];

    private string ExportFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"collabbot-export-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    public void Dispose() => _files.ForEach(File.Delete);

    private static readonly string Example = CollabJson.Serialize(
        new TeamDataBuilder(k: 5).Members(6).Round("r1", TeamDataBuilder.At(2), 6).Answers("r1", "role.a", 4, 5, 3, 4, 4).Build(), indented: true);

    [Fact]
    public async Task Help_lists_the_verbs_and_exits_0() => Assert.Equal(0, await CliVerbs.RunAsync(["help"]));

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("score")]
    [InlineData("score", "--week", "2026-W47")]
    [InlineData("score", "--input", "/nonexistent/file.json", "--week", "2026-W47")]
    [InlineData("export", "--team")]
    [InlineData("export", "--team", "t1", "--out", "x.json", "--colour", "blue")]
    [InlineData("demo", "stray")]
    public async Task Bad_input_prints_usage_and_exits_2(params string[] args) =>
        Assert.Equal(2, await CliVerbs.RunAsync(args));

    [Theory]
    [InlineData("2026-W54")]
    [InlineData("2026-47")]
    [InlineData("last week")]
    public void A_malformed_week_is_a_usage_error(string week)
    {
        var file = ExportFile(Example);
        var e = Assert.Throws<UsageException>(() => ScoreVerb.Run(new CliArgs(["score", "--input", file, "--week", week]), TextWriter.Null));
        Assert.Contains("ISO week", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"format\": \"something-else/2\", \"team\": {\"id\": \"t\", \"name\": \"n\", \"timeZone\": \"UTC\", \"anonymityThreshold\": 5}, \"members\": [], \"pulseRounds\": [], \"pulseAnswers\": [], \"goals\": [], \"checkIns\": [], \"kudos\": [], \"handoffs\": [], \"handoffFeedback\": []}")]
    [InlineData("{\"format\": \"collabbot-export/1\", \"team\": {\"id\": \"t\", \"name\": \"n\", \"timeZone\": \"Mars/Olympus\", \"anonymityThreshold\": 5}, \"members\": [], \"pulseRounds\": [], \"pulseAnswers\": [], \"goals\": [], \"checkIns\": [], \"kudos\": [], \"handoffs\": [], \"handoffFeedback\": []}")]
    public void A_file_that_is_not_an_export_is_a_usage_error(string json) =>
        Assert.Throws<UsageException>(() => ScoreVerb.Run(new CliArgs(["score", "--input", ExportFile(json), "--week", "2026-W47"]), TextWriter.Null));

    [Fact]
    public void Score_prints_the_worked_example_as_snapshot_json_with_nulls_for_missing()
    {
        var output = new StringWriter();
        Assert.Equal(0, ScoreVerb.Run(new CliArgs(["score", "--input", ExportFile(Example), "--week", "2026-W47"]), output));
        var s = CollabJson.Deserialize<Snapshot>(output.ToString());
        Assert.Equal(75.0, s.Dimensions.Single(d => d.Id == "role").Score);
        Assert.Contains("\"score\": null", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("2026-W47", s.Week);
    }

    [Fact]
    public void As_of_limits_what_is_counted()
    {
        var output = new StringWriter();
        ScoreVerb.Run(new CliArgs(["score", "--input", ExportFile(Example), "--week", "2026-W47", "--as-of", "2026-11-17T00:00:00Z"]), output);
        var s = CollabJson.Deserialize<Snapshot>(output.ToString());
        Assert.Null(s.Participation.Rate);                // the round was sent on the 18th
        Assert.Throws<UsageException>(() =>
            ScoreVerb.Run(new CliArgs(["score", "--input", ExportFile(Example), "--week", "2026-W47", "--as-of", "yesterday"]), TextWriter.Null));
    }
}
