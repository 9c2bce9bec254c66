using System.Security.Cryptography;
using System.Text;
using CollabBot.Host.Network;
using Hangfire.Dashboard;

namespace CollabBot.Host.Jobs;

// Who may open /hangfire. Without credentials configured: requests from this machine only.
// With Jobs:DashboardUser/DashboardPassword: basic auth from anywhere, but never over plain
// HTTP from another machine, where the password would cross the network readable.
internal sealed class DashboardAccess(JobsOptions options) : IDashboardAuthorizationFilter
{
    public const string Challenge = "Basic realm=\"CollabBot jobs\", charset=\"UTF-8\"";

    public bool Authorize(DashboardContext context) => Allows(context.GetHttpContext(), options);

    public static bool Allows(HttpContext http, JobsOptions options)
    {
        // Local as the host decided it (Network/CallerOrigins): a request relayed by a proxy that
        // is not configured as known is never local, and only a known proxy is believed about
        // the scheme the client used (X-Forwarded-Proto makes IsHttps).
        var local = CallerOrigins.Of(http).Local;
        if (!options.HasDashboardCredentials) return local;

        if (!local && !http.Request.IsHttps) return false;
        if (Matches(http.Request.Headers.Authorization.ToString(), options)) return true;
        http.Response.Headers.WWWAuthenticate = Challenge;
        return false;
    }

    private static bool Matches(string header, JobsOptions options)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = pair.IndexOf(':');
        if (colon < 0) return false;
        // Both compared, in fixed time, so the time taken tells nothing about either.
        return Same(pair[..colon], options.DashboardUser!) & Same(pair[(colon + 1)..], options.DashboardPassword!);
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
