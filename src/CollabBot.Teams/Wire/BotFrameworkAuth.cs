using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CollabBot.Teams.Wire;

// Failure is a short reason for logs and metrics; it never carries the token.
internal sealed record TeamsAuthResult(bool Ok, string? Failure, ClaimsIdentity? Identity)
{
    public static TeamsAuthResult Fail(string reason) => new(false, reason, null);
}

// Checks the `Authorization: Bearer <JWT>` the Bot Connector puts on every inbound activity
// (botbuilder ChannelValidation / JwtTokenExtractor rules, as documented in
// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
// Only channel tokens are accepted: emulator and skill tokens (keys without endorsements,
// other issuers) are refused, as a production Teams bot may do.
internal sealed class BotFrameworkAuth(BotFrameworkKeys keys, IOptions<TeamsOptions> options, TimeProvider time)
{
    public const string ServiceUrlClaim = "serviceurl";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // The Connector signs with RSA keys only; an allow-list shuts out HS256 with the public key
    // as the secret and unsigned `none` tokens before any key is looked at.
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    // A token that passed is remembered by its exact text until it expires: the Connector puts
    // the same token on every activity for up to an hour, and its RSA signature, issuer and
    // audience were checked again each time. What depends on the activity or the clock — the
    // key still published and endorsing this channel, the lifetime, the serviceurl — is checked
    // on every request all the same.
    private const int MaxRemembered = 1024;
    private readonly ConcurrentDictionary<string, (JsonWebToken Jwt, ClaimsIdentity Identity, SecurityKey Key)> _passed = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<TeamsAuthResult> ValidateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken ct)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AppId)) return TeamsAuthResult.Fail("app id not configured");
        if (string.IsNullOrEmpty(authorizationHeader)) return TeamsAuthResult.Fail("missing authorization header");

        // Exactly "Bearer <token>"; the scheme name is case-insensitive (RFC 7235 §2.1).
        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
            return TeamsAuthResult.Fail("not a bearer token");

        var token = parts[1];
        var remembered = _passed.TryGetValue(token, out var passed);
        var (jwt, identity, _) = passed;
        if (!remembered)
        {
            try
            {
                jwt = _handler.ReadJsonWebToken(token);
            }
            catch (Exception e) when (e is ArgumentException or SecurityTokenException)
            {
                return TeamsAuthResult.Fail("malformed token");
            }
            if (jwt.IsEncrypted || !Algorithms.Contains(jwt.Alg, StringComparer.Ordinal)) return TeamsAuthResult.Fail("algorithm not allowed");
            if (string.IsNullOrEmpty(jwt.Kid)) return TeamsAuthResult.Fail("no key id");
        }
        if (string.IsNullOrEmpty(channelId)) return TeamsAuthResult.Fail("activity has no channelId");
        if (string.IsNullOrEmpty(serviceUrl)) return TeamsAuthResult.Fail("activity has no serviceUrl");

        var lookup = await keys.FindAsync(jwt!.Kid, ct);
        if (!lookup.Available) return TeamsAuthResult.Fail("signing keys unavailable");
        if (lookup.Key is not { } key) return TeamsAuthResult.Fail("unknown signing key");
        // botbuilder EndorsementsValidator: the key must vouch for the activity's channel (ordinal
        // compare). A key without endorsements only signs emulator/skill tokens, which we refuse.
        if (key.Endorsements.Count == 0) return TeamsAuthResult.Fail("signing key has no endorsements");
        if (!key.Endorsements.Contains(channelId, StringComparer.Ordinal)) return TeamsAuthResult.Fail("channel not endorsed");

        // A key replaced under the same kid (a refetched key set) checks the signature again.
        remembered = remembered && ReferenceEquals(passed.Key, key.Key);
        if (!remembered)
        {
            var result = await _handler.ValidateTokenAsync(jwt, Parameters(settings, settings.AppId, key.Key));
            if (!result.IsValid) return TeamsAuthResult.Fail(Reason(result.Exception));
            identity = result.ClaimsIdentity;
        }
        if (Lifetime(jwt) is { } expired)
        {
            _passed.TryRemove(token, out _);
            return TeamsAuthResult.Fail(expired);
        }

        var claimed = identity!.FindFirst(ServiceUrlClaim)?.Value;
        if (string.IsNullOrEmpty(claimed)) return TeamsAuthResult.Fail("missing serviceurl claim");
        // botbuilder compares case-insensitively; a trailing slash is not a different endpoint.
        if (!string.Equals(WithoutSlash(claimed), WithoutSlash(serviceUrl), StringComparison.OrdinalIgnoreCase))
            return TeamsAuthResult.Fail("serviceurl mismatch");
        if (!remembered)
        {
            if (_passed.Count >= MaxRemembered) _passed.Clear();
            _passed[token] = (jwt, identity, key.Key);
        }
        return new TeamsAuthResult(true, null, identity);
    }

    private static TokenValidationParameters Parameters(TeamsOptions settings, string appId, SecurityKey key) => new()
    {
        ValidIssuer = settings.Issuer,
        // teams.net accepts the App ID URI forms too.
        ValidAudiences = [appId, $"api://{appId}", $"api://botid-{appId}"],
        IgnoreTrailingSlashWhenValidatingAudience = false,
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        // exp/nbf are checked in Lifetime against the injected clock; this library version reads the system clock.
        ValidateLifetime = false,
        AuthenticationType = "BotFramework",
    };

    // exp is required; exp and nbf get 5 minutes of clock skew (botbuilder ToBotFromChannelTokenValidationParameters).
    private string? Lifetime(JsonWebToken jwt)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (jwt.ValidTo == DateTime.MinValue) return "token has no expiry";
        if (now > jwt.ValidTo + ClockSkew) return "token expired";
        if (jwt.ValidFrom != DateTime.MinValue && now < jwt.ValidFrom - ClockSkew) return "token not yet valid";
        return null;
    }

    private static string Reason(Exception? e) => e switch
    {
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenInvalidSignatureException => "bad signature",
        _ => "invalid token",
    };

    private static string WithoutSlash(string url) => url.EndsWith('/') ? url[..^1] : url;
}
