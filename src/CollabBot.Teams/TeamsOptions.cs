namespace CollabBot.Teams;

// Configuration section "Teams".
internal sealed class TeamsOptions
{
    public const string Section = "Teams";

    // The bot's Microsoft App ID (the JWT audience) and its client secret for outbound calls.
    public string? AppId { get; set; }
    public string? AppPassword { get; set; }

    // Set for a single-tenant bot registration; empty means multi-tenant (botframework.com).
    public string? TenantId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string? TokenEndpoint { get; set; }
    public string Issuer { get; set; } = "https://api.botframework.com";

    // Replies waiting for the Connector; past this, new activities are refused (503) before any work.
    public int ReplyBacklog { get; set; } = 20_000;

    public string TokenUrl => TokenEndpoint
        ?? $"https://login.microsoftonline.com/{(string.IsNullOrEmpty(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token";
}
