using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core;
using Microsoft.Extensions.Options;

namespace CollabBot.Teams.Wire;

// The bot's outbound access token: OAuth 2.0 client credentials against the Entra token
// endpoint, scoped to the Bot Connector. Without AppId/AppPassword the bot runs against the
// Agents Playground, which takes unauthenticated calls, so there is no token at all.
internal sealed class BotTokens(IHttpClientFactory httpFactory, IOptions<TeamsOptions> options, TimeProvider time) : IDisposable
{
    public const string HttpClientName = "CollabBot.Teams.Token";
    public const string Scope = "https://api.botframework.com/.default";

    // Refresh ahead of expiry so a token never lapses between being read and being checked.
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private Cached? _cached;

    private sealed record Cached(string Token, DateTimeOffset RefreshAt);

    public void Dispose() => _fetch.Dispose();

    public bool Enabled => !string.IsNullOrEmpty(options.Value.AppId) && !string.IsNullOrEmpty(options.Value.AppPassword);

    public async ValueTask<string?> GetTokenAsync(CancellationToken ct)
    {
        if (!Enabled) return null;
        if (Fresh() is { } token) return token;
        // One fetch at a time: callers that queued behind it find the new token cached.
        await _fetch.WaitAsync(ct);
        try
        {
            if (Fresh() is { } fetched) return fetched;
            var cached = await FetchAsync(ct);
            Volatile.Write(ref _cached, cached);
            return cached.Token;
        }
        finally
        {
            _fetch.Release();
        }
    }

    // The Connector rejected this token (revoked, secret rotated): the next caller fetches anew.
    public void Invalidate(string token)
    {
        var current = Volatile.Read(ref _cached);
        if (current?.Token == token) Interlocked.CompareExchange(ref _cached, null, current);
    }

    private string? Fresh() =>
        Volatile.Read(ref _cached) is { } c && time.GetUtcNow() < c.RefreshAt ? c.Token : null;

    private async Task<Cached> FetchAsync(CancellationToken ct)
    {
        var o = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = o.AppId!,
            ["client_secret"] = o.AppPassword!,
            ["scope"] = Scope,
        });
        var http = httpFactory.CreateClient(HttpClientName);
        using var response = await http.PostAsync(o.TokenUrl, form, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var json = ConnectorErrors.Parse(text) as JsonObject;
        if (!response.IsSuccessStatusCode)
        {
            // Entra answers 400/401 with {error, error_description} for a wrong id or secret;
            // retrying cannot fix that.
            var error = json?["error"].Str();
            var permanent = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized;
            throw new ConnectorException(response.StatusCode, error, $"Bot token request failed: {error ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}", permanent);
        }
        var token = json?["access_token"].Str();
        if (string.IsNullOrEmpty(token))
            throw new ConnectorException(response.StatusCode, null, "Bot token response has no access_token", permanent: false);
        var lifetime = TimeSpan.FromSeconds(ExpiresIn(json!["expires_in"]) ?? 3600);
        // A lifetime shorter than the margin (never seen in practice) is used for half its length.
        var keep = lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;
        return new Cached(token, time.GetUtcNow() + keep);
    }

    // Entra v2 sends a number; the old v1 endpoint sent the same value as a string.
    private static double? ExpiresIn(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.String when double.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };
}
