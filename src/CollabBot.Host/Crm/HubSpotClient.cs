using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CollabBot.Core;

namespace CollabBot.Host.Crm;

// HubSpot could not answer now (429 with a longer Retry-After than we wait, 5xx, no
// connection): the webhook is answered 503, and HubSpot delivers it again later.
internal sealed class HubSpotUnavailableException(string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

// A deal's owner changed from Previous to Owner; Name and Stage as the deal has them now.
internal sealed record DealOwnerChange(string DealId, string Previous, string Owner, string? Name, string? Stage);

// The CRM API calls a handoff needs, with the private app's token: the deal with its owner
// history (GET /crm/v3/objects/deals/{id}?propertiesWithHistory=hubspot_owner_id) and an
// owner's email (GET /crm/v3/owners/{id}). A 429 is waited out in-process when its
// Retry-After is short, twice at most; a longer one goes back to the caller.
internal sealed class HubSpotClient(HttpClient http, CrmOptions options, TimeProvider time)
{
    public static readonly TimeSpan MaxInProcessWait = TimeSpan.FromSeconds(2);
    private const int MaxAttempts = 3;

    public async Task<DealOwnerChange?> OwnerChangeAsync(string dealId, string owner, DateTimeOffset occurredAt, CancellationToken ct)
    {
        var deal = await GetAsync($"crm/v3/objects/deals/{Uri.EscapeDataString(dealId)}?properties=dealname,dealstage&propertiesWithHistory=hubspot_owner_id", ct);
        if (deal is null) return null;
        // Newest first. The change this event reports is the entry with the new owner nearest to
        // when it happened (the owner may have changed again since); the one after it is the owner before.
        var history = (deal.At("propertiesWithHistory").At("hubspot_owner_id") as JsonArray ?? [])
            .Select(e => (Value: e.At("value").Str() ?? "", At: At(e.At("timestamp").Str()))).ToList();
        var index = history.Select((e, i) => (e, i)).Where(x => x.e.Value == owner)
            .OrderBy(x => x.e.At is { } at ? Math.Abs((at - occurredAt).TotalMilliseconds) : double.MaxValue).Select(x => (int?)x.i).FirstOrDefault();
        if (index is not { } i || i + 1 >= history.Count || history[i + 1].Value is not { Length: > 0 } previous || previous == owner) return null;
        var properties = deal.At("properties");
        return new DealOwnerChange(dealId, previous, owner, properties.At("dealname").Str(), properties.At("dealstage").Str());
    }

    public async Task<string?> OwnerEmailAsync(string ownerId, CancellationToken ct) =>
        (await GetAsync($"crm/v3/owners/{Uri.EscapeDataString(ownerId)}", ct)).At("email").Str();

    // The object, or null when HubSpot says there is no such thing (404).
    private async Task<JsonObject?> GetAsync(string path, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.HubSpotAccessToken);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                throw new HubSpotUnavailableException($"HubSpot unreachable: {e.Message}");
            }
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    if (attempt >= MaxAttempts || wait > MaxInProcessWait) throw new HubSpotUnavailableException("HubSpot rate limit", wait);
                    await Task.Delay(wait, time, ct);
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.NotFound) return null;
                if (!response.IsSuccessStatusCode)
                    throw new HubSpotUnavailableException($"HubSpot answered {(int)response.StatusCode}");
                return WireJson.ParseObject(await response.Content.ReadAsByteArrayAsync(ct))
                    ?? throw new HubSpotUnavailableException("HubSpot answered with something that is not a JSON object");
            }
        }
    }

    private static DateTimeOffset? At(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
