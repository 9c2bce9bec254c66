namespace CollabBot.Core.Features.Handoffs.Crm;

internal static class CrmLimits
{
    public const int ExternalId = 200;
    public const int Url = 500;
    public const int Stage = 100;
    public const int Subject = 200;
}

// A handoff as a CRM reports it: the record (ExternalId) moved from one person to another,
// both named by email. Source says which door it came in by ("webhook", "hubspot").
internal sealed record CrmHandoffRequest(string Source, string From, string To, string Subject, string ExternalId, string? Url = null, string? Stage = null)
{
    // What is wrong with it, in words for the caller; null when it can be recorded.
    public string? Problem()
    {
        if (SalesRoles.NormalizeEmail(From) is not { } from) return "\"from\" must be an email address";
        if (SalesRoles.NormalizeEmail(To) is not { } to) return "\"to\" must be an email address";
        if (from == to) return "\"from\" and \"to\" are the same person";
        if (Subject.Trim().Length is 0 or > CrmLimits.Subject) return $"\"subject\" must be 1–{CrmLimits.Subject} characters";
        if (ExternalId.Trim().Length is 0 or > CrmLimits.ExternalId) return $"\"externalId\" must be 1–{CrmLimits.ExternalId} characters";
        if (Url is not null && (Url.Length > CrmLimits.Url || !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            return $"\"url\" must be an absolute http(s) URL of at most {CrmLimits.Url} characters";
        if (Stage is not null && Stage.Trim().Length is 0 or > CrmLimits.Stage) return $"\"stage\" must be 1–{CrmLimits.Stage} characters";
        return null;
    }
}

internal enum CrmStatus { Recorded, Duplicate, Unmatched, Unavailable }

// Reason: a code for the admin view ("unknown-email", "no-shared-team"); Detail: what it
// concerns (the email nobody has); Message: the same in words for the caller.
internal sealed record CrmOutcome(CrmStatus Status, string? Reason = null, string? Detail = null, long? HandoffId = null)
{
    public string? Message => Reason switch
    {
        "unknown-email" => $"no member has the email {Detail}",
        "no-shared-team" => $"{Detail} are not members of one team",
        _ => Reason,
    };
}

// What a chat platform knows of an email in one workspace (Slack users.lookupByEmail, a Teams
// roster's email or UPN): the user ids that have it, or why it could not say.
internal sealed record DirectoryAnswer(IReadOnlyList<string> UserIds, string? Unavailable = null)
{
    public static readonly DirectoryAnswer None = new([]);
}

internal interface IEmailDirectory
{
    Storage.Platform Platform { get; }
    Task<DirectoryAnswer> FindAsync(Storage.Workspace workspace, string email, CancellationToken ct);
}
