namespace CollabBot.Teams;

// The Teams adapter's log events, generated at compile time. Arguments are activity types,
// conversation ids, counts and reasons, never a token or what a person wrote (LogPrivacyTests).
internal static partial class TeamsLog
{
    // How Teams is set up (authenticated, or the local Playground); a warning for the latter.
    [LoggerMessage(Message = "{Why}")]
    public static partial void TeamsGate(this ILogger log, LogLevel level, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams {Type} activity failed")]
    public static partial void ActivityFailed(this ILogger log, Exception e, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request refused: {Reason}")]
    public static partial void RequestRefused(this ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams roster could not be read")]
    public static partial void RosterUnread(this ILogger log, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams reply dropped: the host is stopping")]
    public static partial void ReplyDropped(this ILogger log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams replies not sent before shutdown: {Backlog}")]
    public static partial void RepliesUnsentAtShutdown(this ILogger log, int backlog);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams reply in {Conversation} could not be sent")]
    public static partial void ReplyNotSent(this ILogger log, Exception e, string conversation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} Bot Framework signing keys.")]
    public static partial void SigningKeysLoaded(this ILogger log, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load Bot Framework signing keys from {Url}: {Reason}")]
    public static partial void SigningKeysFailed(this ILogger log, string url, string reason);
}
