using CollabBot.Core.Storage;

namespace CollabBot.Core.Bot;

internal enum InteractionKind { Command, Action, Submit, Install, Uninstall, MemberChange }

internal enum ConversationType { Channel, Personal, Group }

// One thing a user did, already verified and translated by an adapter. Mentions in Text are
// written `<@USERID>`; Users maps each mentioned (or roster) user id to a display name;
// Profiles holds what the platform's profile says of the user (and of a roster's people).
internal sealed record Interaction(
    Platform Platform,
    string WorkspaceId,
    string UserId,
    string ConversationId,
    InteractionKind Kind,
    string Id,
    string? Text = null,
    IReadOnlyDictionary<string, string>? Values = null,
    string? Locale = null,
    string? UserName = null,
    ConversationType ConversationType = ConversationType.Channel,
    IReadOnlyDictionary<string, string>? Users = null,
    string? WorkspaceName = null,
    string? ConversationName = null,
    ConversationRef? Reference = null,
    IReadOnlyDictionary<string, MemberProfile>? Profiles = null)
{
    public string Value(string key) => Values?.GetValueOrDefault(key) ?? "";
}

// What is needed to message a conversation later, captured when the app is installed or
// first used there (Bot Framework needs the service URL and tenant; Slack the channel).
internal sealed record ConversationRef(
    Platform Platform, string WorkspaceId, string ConversationId, string? ServiceUrl = null,
    string? TenantId = null, string? BotId = null);

// A platform profile's email and job title; null where the platform does not say.
internal sealed record MemberProfile(string? Email, string? Title);
