using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CollabBot.Slack.Wire;

// A Web API error (`ok:false`). Permanent ones (the channel or user is gone, the token is
// revoked) must not be retried; the rest may be.
internal sealed class SlackApiException(string method, string error) : Exception($"Slack {method} failed: {error}")
{
    private static readonly HashSet<string> PermanentErrors =
    [
        "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "account_inactive", "token_revoked",
        "not_authed", "user_not_found", "users_not_found", "missing_scope", "no_permission", "team_access_not_granted",
        "invalid_blocks", "invalid_arguments", "msg_too_long", "expired_trigger_id", "invalid_trigger_id", "message_not_found",
        "cant_update_message", "invalid_code", "code_already_used", "bad_redirect_uri",
    ];

    public string Method { get; } = method;
    public string Error { get; } = error;
    public bool Permanent => PermanentErrors.Contains(Error);
}

// Slack answered 429 and asked for longer than we wait in-process: the caller reschedules.
internal sealed class SlackRateLimitedException(string method, TimeSpan retryAfter) : Exception($"Slack {method} rate-limited for {retryAfter}")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

// The Web API over HTTP: JSON bodies with a Bearer token, errors mapped to exceptions, each
// call admitted by the per-method (and, for chat.postMessage, per-channel) rate limiter.
// 429s with a short Retry-After are retried by the resilience handler (see SlackSetup).
internal sealed class SlackApi(HttpClient http, SlackRateLimits limits)
{
    // maxWait: how long the caller will wait for a rate-limit slot (SlackPacedException beyond).
    public async Task<JsonObject> CallAsync(string method, string? token, JsonObject body, string workspace,
        string? channel = null, TimeSpan? maxWait = null, CancellationToken ct = default)
    {
        await limits.WaitAsync(workspace, method, channel, ct, maxWait);
        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(method, request, ct);
    }

    // The file-upload methods take form fields, not JSON.
    public async Task<JsonObject> CallFormAsync(string method, string token, IReadOnlyDictionary<string, string> fields, string workspace,
        CancellationToken ct = default)
    {
        await limits.WaitAsync(workspace, method, null, ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(method, request, ct);
    }

    // oauth.v2.access takes form fields and the app's own credentials as Basic auth.
    public async Task<JsonObject> FormAsync(string method, IReadOnlyDictionary<string, string> fields, string basicUser, string basicPassword,
        CancellationToken ct = default)
    {
        await limits.WaitAsync("app", method, null, ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(basicUser)}:{Uri.EscapeDataString(basicPassword)}")));
        return await SendAsync(method, request, ct);
    }

    // A reply to a slash command or action goes to its response_url (no token needed).
    public async Task PostToResponseUrlAsync(string responseUrl, JsonObject message, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new ArgumentException("response_url is not an absolute http(s) URL");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new SlackApiException("response_url", $"http_{(int)response.StatusCode}");
    }

    public async Task UploadAsync(string uploadUrl, byte[] content, CancellationToken ct = default)
    {
        using var response = await http.PostAsync(uploadUrl, new ByteArrayContent(content), ct);
        if (!response.IsSuccessStatusCode) throw new SlackApiException("upload", $"http_{(int)response.StatusCode}");
    }

    private async Task<JsonObject> SendAsync(string method, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new SlackRateLimitedException(method, response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Slack {method}: HTTP {(int)response.StatusCode}", null, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject
            ?? throw new SlackApiException(method, "invalid_response");
        if (json["ok"]?.GetValue<bool>() != true) throw new SlackApiException(method, json["error"]?.GetValue<string>() ?? "unknown_error");
        return json;
    }
}
