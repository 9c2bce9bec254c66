using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Storage;
using CollabBot.Host.Digest;

namespace CollabBot.Host.Crm;

// POST /crm/hubspot: HubSpot's app webhooks, a batch of events. Verified first (v3 signature
// over the public URL, 5-minute window, not seen before). A deal.propertyChange of
// hubspot_owner_id is a handoff from the deal's previous owner (its property history) to the
// new one, both known to HubSpot by email; then as POST /crm/handoffs. Other events are
// ignored. If HubSpot or a chat platform cannot answer now, the answer is 503 and HubSpot
// sends the batch again: what was recorded stays, once (the deal and receiver are its key).
internal static class HubSpotEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;
    public const string OwnerProperty = "hubspot_owner_id";

    private sealed record Result(string Deal, string Status, string? Reason = null);

    public static async Task<IResult> HandleAsync(HttpContext http, CrmOptions options, DigestLinkOptions links, TimeProvider time, SeenRequests seen,
        HubSpotClient hubspot, IServiceScopeFactory scopes, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CollabBot.Crm");
        var ct = http.RequestAborted;
        var (body, _) = await WireBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, ct);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var signature = http.Request.Headers[HubSpotSignature.SignatureHeader].ToString();
        var uri = HubSpotSignature.Uri(links.BaseUrl, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "");
        var check = HubSpotSignature.Verify(options.HubSpotClientSecret!, http.Request.Method, uri, body,
            http.Request.Headers[HubSpotSignature.TimestampHeader], signature, time.GetUtcNow(), options.MaxClockSkewSeconds);
        if (check != CrmCheck.Valid) return CrmEndpoints.Refused(log, "HubSpot signature " + check);
        var key = "hubspot:" + signature;
        if (!(await seen.ClaimAsync(http.RequestServices, key, CrmEndpoints.RememberSignatures, ct)).First) return CrmEndpoints.Refused(log, "HubSpot replayed");
        if (WireJson.ParseArray(body) is not { } events) return CrmEndpoints.Invalid("the body must be a JSON array of HubSpot webhook events");

        var results = new List<Result>();
        try
        {
            foreach (var e in events.OfType<JsonObject>())
                if (e.At("subscriptionType").Str() == "deal.propertyChange" && e.At("propertyName").Str() == OwnerProperty)
                    results.Add(await OwnerChangedAsync(e, options, hubspot, scopes, ct));
        }
        catch (Exception e) when (e is HubSpotUnavailableException or DirectoryUnavailableException)
        {
            log.HubSpotPutOff(e.Message);
            await seen.ForgetAsync(http.RequestServices, key, CancellationToken.None);
            if ((e as HubSpotUnavailableException)?.RetryAfter is { } wait)
                http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { status = "unavailable", reason = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch
        {
            await seen.ForgetAsync(http.RequestServices, key, CancellationToken.None);
            throw;
        }
        var status = results.Any(r => r.Status == "unmatched") ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
        return Results.Json(new { results }, statusCode: status);
    }

    private static async Task<Result> OwnerChangedAsync(JsonObject e, CrmOptions options, HubSpotClient hubspot, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var deal = Id(e.At("objectId"));
        var owner = e.At("propertyValue").Str();
        if (deal is null || string.IsNullOrEmpty(owner)) return new Result(deal ?? "?", "ignored", "no deal or no new owner");
        var occurred = Id(e.At("occurredAt")) is { } ms && long.TryParse(ms, out var m) ? DateTimeOffset.FromUnixTimeMilliseconds(m) : DateTimeOffset.MinValue;
        if (await hubspot.OwnerChangeAsync(deal, owner, occurred, ct) is not { } change) return new Result(deal, "ignored", "the deal had no owner before");
        var from = await hubspot.OwnerEmailAsync(change.Previous, ct);
        var to = await hubspot.OwnerEmailAsync(change.Owner, ct);
        if (from is null || to is null) return new Result(deal, "unmatched", $"HubSpot owner {(from is null ? change.Previous : change.Owner)} has no email");
        var portal = Id(e.At("portalId"));
        var request = new CrmHandoffRequest("hubspot", from, to, Cut(change.Name ?? $"Deal {deal}", CrmLimits.Subject), $"hubspot:deal:{deal}",
            portal is null ? null : $"{options.HubSpotAppUrl.TrimEnd('/')}/contacts/{portal}/record/0-3/{deal}",
            change.Stage is { Length: > 0 } stage ? Cut(stage, CrmLimits.Stage) : null);
        if (request.Problem() is { } problem) return new Result(deal, "ignored", problem);
        // One scope per event: events of one batch may belong to different workspaces.
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<CrmHandoffs>().ReceiveAsync(request, ct);
        if (outcome.Status == CrmStatus.Unavailable) throw new DirectoryUnavailableException(outcome.Detail ?? "a chat platform could not be asked");
        return new Result(deal, outcome.Status.ToString().ToLowerInvariant(), outcome.Message);
    }

    // HubSpot sends ids as numbers; a string is taken too.
    private static string? Id(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) => n.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _) => s,
        _ => null,
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private sealed class DirectoryUnavailableException(string message) : Exception(message);
}
