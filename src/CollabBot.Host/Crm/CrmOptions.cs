namespace CollabBot.Host.Crm;

// Crm:* settings. WebhookSecret turns on POST /crm/handoffs (the signed generic webhook);
// HubSpotClientSecret (the app's client secret, which signs HubSpot's webhooks) with
// HubSpotAccessToken (a private app's token, scopes crm.objects.deals.read and
// crm.objects.owners.read) turns on POST /crm/hubspot. Without them the routes do not exist.
internal sealed class CrmOptions
{
    public const string Section = "Crm";

    public string? WebhookSecret { get; set; }
    public string? HubSpotClientSecret { get; set; }
    public string? HubSpotAccessToken { get; set; }
    public string HubSpotApiBaseUrl { get; set; } = "https://api.hubapi.com";
    // Where people open a deal (the card's link): app-eu1.hubspot.com for EU accounts.
    public string HubSpotAppUrl { get; set; } = "https://app.hubspot.com";
    // Both signatures carry a timestamp; older or newer than this is refused (HubSpot: 5 minutes).
    public int MaxClockSkewSeconds { get; set; } = 300;

    public bool WebhookEnabled => !string.IsNullOrEmpty(WebhookSecret);
    public bool HubSpotEnabled => !string.IsNullOrEmpty(HubSpotClientSecret) && !string.IsNullOrEmpty(HubSpotAccessToken);
}
