using CollabBot.Core.Bot;
using CollabBot.Core.Features.Handoffs.Crm;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core;

// Core's log events, generated at compile time. Arguments are ids, kinds and counts, never what a
// person wrote (LogPrivacyTests).
internal static partial class CoreLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Resolving the context of {Kind} {Id} failed")]
    public static partial void ContextFailed(this ILogger log, Exception e, InteractionKind kind, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler {Kind} {Id} failed")]
    public static partial void HandlerFailed(this ILogger log, Exception e, InteractionKind kind, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed on attempt {Attempt}")]
    public static partial void OutboxAttemptFailed(this ILogger log, Exception e, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the jobs of team {TeamId}; the daily schedule sync will")]
    public static partial void TeamJobsNotUpdated(this ILogger log, Exception e, long teamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the jobs of team {TeamId}; the daily schedule sync will")]
    public static partial void TeamJobsNotRemoved(this ILogger log, Exception e, long teamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "CRM handoff from {Source} not matched: {Reason}")]
    public static partial void CrmHandoffUnmatched(this ILogger log, string source, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "CRM handoff from {Source}: {Status}")]
    public static partial void CrmHandoffDone(this ILogger log, string source, CrmStatus status);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention purge: {Responses} pulse responses of rounds closed before {PulseCutoff:u}, {Outbox} delivered outbox rows sent before {OutboxCutoff:u}")]
    public static partial void RetentionPurged(this ILogger log, int responses, DateTimeOffset pulseCutoff, int outbox, DateTimeOffset outboxCutoff);
}
