namespace CollabBot.Host;

// The host's log events, generated at compile time. Arguments are paths, settings and error
// messages of our own parsers, never a token or what a person wrote (LogPrivacyTests).
internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot needs both Crm:HubSpotClientSecret and Crm:HubSpotAccessToken; {Path} is off.")]
    public static partial void HubSpotHalfConfigured(this ILogger log, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "CRM handoffs: {Webhook} (signed webhook), {HubSpot} (HubSpot).")]
    public static partial void CrmDoors(this ILogger log, string webhook, string hubSpot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CRM request refused: {Why}")]
    public static partial void CrmRefused(this ILogger log, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot webhook put off: {Why}")]
    public static partial void HubSpotPutOff(this ILogger log, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox delivery is off (Delivery:Enabled=false).")]
    public static partial void OutboxOff(this ILogger log);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox delivery round failed")]
    public static partial void OutboxRoundFailed(this ILogger log, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job storage unreachable")]
    public static partial void JobStorageUnreachable(this ILogger log, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard request {Method} {Path} refused: {Error}")]
    public static partial void DashboardRefused(this ILogger log, string method, PathString path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; trying again in {Every}")]
    public static partial void CheckpointFailed(this ILogger log, Exception e, TimeSpan every);
}
