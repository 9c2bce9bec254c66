namespace CollabBot.Slack;

// Slack:* settings. SigningSecret is required for any Slack traffic. With BotToken set the
// bot serves one workspace (no OAuth); with ClientId/ClientSecret it installs per workspace.
internal sealed class SlackOptions
{
    public string? SigningSecret { get; set; }
    public string? BotToken { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";
    public string OAuthAuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";
    // The bot scopes of manifests/slack/manifest.json: kept minimal. users:read.email lets a CRM's
    // handoff find its people by email.
    public string Scopes { get; set; } = "app_mentions:read,channels:history,channels:read,chat:write,commands,files:write,groups:history,groups:read,im:history,im:write,users:read,users:read.email";
    // Where Slack sends the browser back after install; defaults to {request host}/slack/oauth/callback.
    public string? RedirectUri { get; set; }
    // Slack's rule: a request older or newer than this is refused (replay protection).
    public int MaxClockSkewSeconds { get; set; } = 300;
    // An ack must leave within 3 s; past this much work the reply goes to response_url instead.
    public int AckBudgetMilliseconds { get; set; } = 2500;

    public bool Enabled => !string.IsNullOrEmpty(SigningSecret);
    public bool SingleWorkspace => !string.IsNullOrEmpty(BotToken);
}
