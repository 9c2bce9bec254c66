using CollabBot.Core;
using CollabBot.Slack.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack.Web;

// Verification first: read the raw body (bounded), check the signature and timestamp, and
// only then let anything parse it. A failure is 401 and nothing else happens.
internal static class SlackRequest
{
    public const int MaxBodyBytes = 512 * 1024;

    public sealed record Verified(byte[] Body, IResult? Failure);

    public static async Task<Verified> ReadVerifiedAsync(HttpContext http, ILogger log)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.Enabled) return new([], Results.NotFound());
        var (body, _) = await WireBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, http.RequestAborted);
        if (body is null) return new([], Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var check = SlackSignature.Verify(options.SigningSecret!, http.Request.Headers["X-Slack-Request-Timestamp"],
            http.Request.Headers["X-Slack-Signature"], body, time.GetUtcNow(), options.MaxClockSkewSeconds);
        if (check == SignatureCheck.Valid) return new(body, null);
        log.LogWarning("Slack request to {Path} refused: signature {Check}", http.Request.Path, check);
        CollabBot.Core.Telemetry.CollabMetrics.SlackRejected(check.ToString());
        return new([], Results.Unauthorized());
    }

    // Verified, then of the content type the endpoint takes: the body, or the answer to give.
    // once: the request changes something (a command, an interaction) and a replay of it must
    // not change it twice (see FirstDeliveryAsync).
    public static async Task<Verified> ReadAsync(HttpContext http, ILogger log, bool json, bool once = false)
    {
        var verified = await ReadVerifiedAsync(http, log);
        if (verified.Failure is not null) return verified;
        if (!(json ? IsJson(http.Request) : IsForm(http.Request))) return new([], Results.StatusCode(StatusCodes.Status415UnsupportedMediaType));
        if (once && !await FirstDeliveryAsync(http))
        {
            log.LogWarning("Slack request to {Path} refused: a replay of a request already taken", http.Request.Path);
            CollabBot.Core.Telemetry.CollabMetrics.SlackRejected("Replayed");
            return new([], Results.Ok());   // harmless: Slack shows nothing, and nothing happens
        }
        return verified;
    }

    // A signed request stays valid for the whole clock-skew window, so the same body, timestamp
    // and signature sent again inside it would verify again. Its signature (the canonical lower-
    // case hex of the HMAC, so a recased copy is the same key) is claimed in the seen-requests
    // store: in the database on PostgreSQL, where the replay may reach another host, in memory
    // on SQLite's single host. Kept until the signature could no longer verify anywhere: the
    // timestamp may lie up to the skew ahead of the clock and is accepted up to the skew behind.
    // Slack itself never sends a command or an interaction twice; its event retries carry new
    // signatures and are recognised by event_id (SlackEvents).
    private static async Task<bool> FirstDeliveryAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value;
        var seen = http.RequestServices.GetRequiredService<CollabBot.Core.Storage.SeenRequests>();
        var key = "slack-request|" + http.Request.Headers["X-Slack-Signature"].ToString().ToLowerInvariant();
        var keepFor = TimeSpan.FromSeconds(2 * options.MaxClockSkewSeconds + 60);
        return (await seen.ClaimAsync(http.RequestServices, key, keepFor, http.RequestAborted)).First;
    }

    public static bool IsForm(HttpRequest r) =>
        r.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsJson(HttpRequest r) =>
        r.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    // Where Slack says to answer: only an absolute http(s) URL in ASCII is one (Slack's are
    // https://hooks.slack.com/…; a host with other characters fails later, in IDN mapping).
    // Anything else is answered through the Web API instead of failing the request.
    public static string? ResponseUrl(string? url) =>
        url is not null && System.Text.Ascii.IsValid(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? url : null;

    // One field of a form body as UTF-8 bytes, decoded without turning the body into strings
    // first: an interaction's `payload` is most of its body, and is parsed as JSON from bytes.
    public static byte[]? FormField(byte[] body, string name)
    {
        var span = body.AsSpan();
        for (var start = 0; start < span.Length;)
        {
            var end = span[start..].IndexOf((byte)'&') is var amp and >= 0 ? start + amp : span.Length;
            var pair = span[start..end];
            if (pair.Length > name.Length && pair[name.Length] == (byte)'=' && System.Text.Ascii.Equals(pair[..name.Length], name))
                return System.Net.WebUtility.UrlDecodeToBytes(body, start + name.Length + 1, pair.Length - name.Length - 1);
            start = end + 1;
        }
        return null;
    }

    public static Dictionary<string, string> ParseForm(byte[] body) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body))
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
}
