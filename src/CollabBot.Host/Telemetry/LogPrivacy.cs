namespace CollabBot.Host.Telemetry;

// ASP.NET Core's request lines ("Request starting … GET /slack/oauth/callback?code=…") carry
// the full query string: the Slack OAuth code and state, and the signature of a digest link,
// which opens that digest to whoever holds it. Those lines are never written, whatever level
// the configuration asks for — this rule is added after the configured ones, so it wins.
// Request counts and latency per route are in /metrics instead.
internal static class LogPrivacy
{
    public const string RequestLines = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static ILoggingBuilder KeepSecretsOutOfLogs(this ILoggingBuilder logging) =>
        logging.AddFilter(RequestLines, LogLevel.Warning);
}
