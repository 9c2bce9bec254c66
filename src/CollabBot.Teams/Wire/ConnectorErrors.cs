using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core;

namespace CollabBot.Teams.Wire;

// The Connector refused a call. Permanent ones (the bot was removed from the conversation,
// the user blocked the bot, the conversation is gone, the payload is invalid) must not be
// retried; the caller drops the message or the conversation instead.
internal sealed class ConnectorException(HttpStatusCode status, string? code, string message, bool permanent) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
    public bool Permanent { get; } = permanent;
}

// Teams kept answering 429 after the in-process retries, or asked for a longer wait than we
// spend in-process: the caller reschedules after RetryAfter.
internal sealed class ConnectorThrottledException(TimeSpan retryAfter) : Exception($"Teams throttled the bot; retry after {retryAfter}")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

internal static class ConnectorErrors
{
    // Set on requests whose 429 the caller handles itself (see ConnectorClient.CallAsync).
    public static readonly HttpRequestOptionsKey<bool> Paced = new("CollabBot.Connector.Paced");

    // Error codes that mean "this conversation is not reachable for this bot", whatever status carried them.
    private static readonly HashSet<string> PermanentCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "ConversationNotFound", "BotNotInConversationRoster", "ConversationBlockedByUser", "BotDisabledByAdmin",
    };

    // Statuses the resilience handler retries (rate-limit.md: 429, 412, 502, 504; 503 is as transient).
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    // Any other 4xx is the bot's fault or a closed door (400, 401, 403, 404, 413 ...): not worth retrying.
    public static bool IsPermanent(HttpStatusCode status, string? code) =>
        (code is not null && PermanentCodes.Contains(code))
        || ((int)status is >= 400 and < 500 && !IsTransient(status) && status != HttpStatusCode.RequestTimeout);

    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };

    public static async Task<Exception> FromResponseAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            return new ConnectorThrottledException(RetryAfter(response, now) ?? DefaultThrottle);
        // ErrorResponse is {"error":{"code","message"}}; some gateways answer {"message"} or plain text.
        var body = Parse(await response.Content.ReadAsStringAsync(ct));
        var code = body?["error"]?["code"].Str();
        var message = body?["error"]?["message"].Str() ?? body?["message"].Str();
        var text = $"Connector answered {(int)response.StatusCode}{(code is null ? "" : " " + code)}{(message is null ? "" : ": " + message)}";
        return new ConnectorException(response.StatusCode, code, text, IsPermanent(response.StatusCode, code));
    }

    // A 429 without Retry-After: rate-limit.md gives 2 s as the first backoff step.
    public static readonly TimeSpan DefaultThrottle = TimeSpan.FromSeconds(2);


    public static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
