using CollabBot.Slack.Web;
using CollabBot.Teams.Web;

namespace CollabBot.Host;

// Request body limits, set on purpose (docs/operations.md, "Request size limits"). Each endpoint that takes
// a body reads it itself, bounded, and answers 413 past its own limit before verifying or
// parsing anything: Slack 512 KiB (SlackRequest.MaxBodyBytes), Teams 256 KiB
// (TeamsEndpoint.MaxBodyBytes), the CRM webhook 64 KiB and HubSpot 256 KiB (Crm/). Kestrel's
// own limit is the ceiling over all of them (its default is 30 MB), so no other route — the
// job dashboard's forms, an unknown path — reads more than 1 MiB. Kestrel:Limits:MaxRequestBodySize in the configuration overrides it.
internal static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Kestrel:Limits:MaxRequestBodySize"];
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (configured is null) k.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        return builder;
    }

    public static IReadOnlyDictionary<string, long> PerEndpoint => new Dictionary<string, long>
    {
        ["/slack/*"] = SlackRequest.MaxBodyBytes,
        ["/api/messages"] = TeamsEndpoint.MaxBodyBytes,
        [Crm.CrmEndpoints.WebhookPath] = Crm.CrmEndpoints.MaxBodyBytes,
        [Crm.CrmEndpoints.HubSpotPath] = Crm.HubSpotEndpoint.MaxBodyBytes,
    };
}
