using System.Globalization;
using System.Text.Json;
using CollabBot.Core;
using CollabBot.Core.Scoring;

namespace CollabBot.Host.Cli;

// Offline scoring: the same numbers the scheduled job stores, from an export file alone.
internal static class ScoreVerb
{
    public static int Run(CliArgs cli, TextWriter output)
    {
        cli.AllowOnly("input", "week", "as-of");
        var path = cli.Required("input");
        if (!IsoWeek.TryParse(cli.Required("week"), out var week))
            throw new UsageException($"--week '{cli.Required("week")}' is not an ISO week such as 2026-W47");
        DateTimeOffset? asOf = null;
        if (cli.Optional("as-of") is { } text)
            asOf = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed.ToUniversalTime()
                : throw new UsageException($"--as-of '{text}' is not an ISO-8601 instant such as 2026-11-23T00:00:00Z");

        var data = Read(path);
        output.WriteLine(CollabJson.Serialize(Scorer.Score(data, week, asOf), indented: true));
        return 0;
    }

    public static TeamData Read(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"no file at '{path}'");
        TeamData data;
        try
        {
            data = CollabJson.Deserialize<TeamData>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new UsageException($"'{path}' is not a collabbot-export/1 file: {e.Message}");
        }
        if (data.Format != TeamData.FormatId)
            throw new UsageException($"'{path}' has format '{data.Format}', expected '{TeamData.FormatId}'");
        if (!Zones.Exists(data.Team.TimeZone))
            throw new UsageException($"'{path}' names an unknown time zone '{data.Team.TimeZone}'");
        return data;
    }
}
