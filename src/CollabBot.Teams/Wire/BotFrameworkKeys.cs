using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CollabBot.Teams.Wire;

// A published signing key and the channels it vouches for (the non-standard `endorsements`
// array the Bot Connector puts on each JWKS entry).
internal sealed record BotFrameworkSigningKey(SecurityKey Key, IReadOnlyList<string> Endorsements);

internal readonly record struct KeyLookup(BotFrameworkSigningKey? Key, bool Available);

// The Bot Connector's signing keys: OpenID metadata at Teams:OpenIdMetadataUrl → jwks_uri → keys.
// Kept in memory and refetched when a day old, or when a token names a kid we do not know
// (keys are rotated ahead of use), but an unknown kid refetches at most once per 5 minutes so
// junk tokens cannot make us hammer login.botframework.com.
internal sealed class BotFrameworkKeys(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider time,
    ILogger<BotFrameworkKeys> log) : IDisposable
{
    public const string HttpClientName = "botframework-openid";
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan UnknownKidInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(Dictionary<string, BotFrameworkSigningKey> Keys, DateTimeOffset LoadedAt);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _snapshot;
    private DateTimeOffset _nextUnknownKidRefresh = DateTimeOffset.MinValue;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;

    public void Dispose() => _gate.Dispose();

    public async Task<KeyLookup> FindAsync(string kid, CancellationToken ct)
    {
        var seen = _snapshot;
        if (seen is not null && !Stale(seen) && seen.Keys.TryGetValue(kid, out var hit)) return new(hit, true);

        await _gate.WaitAsync(ct);
        try
        {
            var current = _snapshot;
            // Someone refreshed while we waited: their keys are as fresh as ours would be.
            if (!ReferenceEquals(current, seen) && current is not null) return Lookup(current, kid);

            var now = time.GetUtcNow();
            if (current is not null && !Stale(current))
            {
                if (now < _nextUnknownKidRefresh) return Lookup(current, kid);
                _nextUnknownKidRefresh = now + UnknownKidInterval;
            }
            if (now < _nextAttempt) return current is null ? new(null, false) : Lookup(current, kid);

            var loaded = await LoadAsync(ct);
            if (loaded is null)
            {
                // Keep serving the last good keys (as the IdentityModel ConfigurationManager does).
                _nextAttempt = now + FailureBackoff;
                return current is null ? new(null, false) : Lookup(current, kid);
            }
            _snapshot = loaded;
            return Lookup(loaded, kid);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Stale(Snapshot s) => time.GetUtcNow() - s.LoadedAt >= MaxAge;

    private static KeyLookup Lookup(Snapshot s, string kid) => new(s.Keys.GetValueOrDefault(kid), true);

    private async Task<Snapshot?> LoadAsync(CancellationToken ct)
    {
        var metadataUrl = options.Value.OpenIdMetadataUrl;
        try
        {
            var client = http.CreateClient(HttpClientName);
            var metadataUri = new Uri(metadataUrl, UriKind.Absolute);
            string? raw;
            using (var metadata = await GetJsonAsync(client, metadataUri, ct))
                raw = metadata.RootElement.TryGetProperty("jwks_uri", out var j) && j.ValueKind == JsonValueKind.String ? j.GetString() : null;
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var jwksUri)) return Failed(metadataUrl, "metadata has no jwks_uri");
            // The keys may only come over https, unless the metadata itself was plain http (a local test fake).
            if (jwksUri.Scheme != Uri.UriSchemeHttps && jwksUri.Scheme != metadataUri.Scheme) return Failed(metadataUrl, "jwks_uri is not https");
            using var jwks = await GetJsonAsync(client, jwksUri, ct);
            var keys = ParseKeys(jwks.RootElement);
            if (keys.Count == 0) return Failed(metadataUrl, "JWKS has no usable RSA keys");
            log.SigningKeysLoaded(keys.Count);
            return new Snapshot(keys, time.GetUtcNow());
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or UriFormatException or ArgumentException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return Failed(metadataUrl, e.GetType().Name);
        }
    }

    private Snapshot? Failed(string metadataUrl, string reason)
    {
        log.SigningKeysFailed(metadataUrl, reason);
        return null;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri uri, CancellationToken ct)
    {
        using var response = await client.GetAsync(uri, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return await JsonDocument.ParseAsync(body, cancellationToken: ct);
    }

    internal static Dictionary<string, BotFrameworkSigningKey> ParseKeys(JsonElement jwks)
    {
        var keys = new Dictionary<string, BotFrameworkSigningKey>(StringComparer.Ordinal);
        if (!jwks.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array) return keys;
        foreach (var entry in array.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object) continue;
            JsonWebKey jwk;
            try { jwk = new JsonWebKey(entry.GetRawText()); }
            catch (ArgumentException) { continue; }
            if (jwk.Kty != JsonWebAlgorithmsKeyTypes.RSA || string.IsNullOrEmpty(jwk.Kid)) continue;
            if (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != JsonWebKeyUseNames.Sig) continue;
            // Read from the raw JSON: `endorsements` is not a JWK member, so the typed model has no place for it.
            var endorsements = entry.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
                : [];
            keys[jwk.Kid] = new BotFrameworkSigningKey(jwk, endorsements);
        }
        return keys;
    }
}
