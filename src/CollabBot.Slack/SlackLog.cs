using CollabBot.Core.Bot;
using CollabBot.Slack.Wire;
using Microsoft.AspNetCore.Http;

namespace CollabBot.Slack;

// The Slack adapter's log events, generated at compile time. Arguments are paths, ids, kinds and
// Slack's error codes, never a token or what a person wrote (LogPrivacyTests).
internal static partial class SlackLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off: set Slack:SigningSecret to enable /slack/* (they answer 404 until then).")]
    public static partial void SlackOff(this ILogger log);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is on ({Mode}).")]
    public static partial void SlackOn(this ILogger log, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack OAuth callback refused: state missing, mismatched, expired or reused")]
    public static partial void OAuthStateRefused(this ILogger log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "oauth.v2.access failed: {Error}")]
    public static partial void OAuthAccessFailed(this ILogger log, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {What} failed after the ack")]
    public static partial void BackgroundFailed(this ILogger log, Exception e, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack work still running at shutdown: {Count}")]
    public static partial void StillRunningAtShutdown(this ILogger log, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack reply for {Kind} {Id} could not be delivered")]
    public static partial void ReplyNotDelivered(this ILogger log, Exception e, InteractionKind kind, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused: signature {Check}")]
    public static partial void SignatureRefused(this ILogger log, PathString path, SignatureCheck check);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused: a replay of a request already taken")]
    public static partial void ReplayRefused(this ILogger log, PathString path);
}
