using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Tests.Support;

// A local stand-in for login.botframework.com on a real loopback socket: the OpenID metadata
// document and a JWKS whose RSA keys carry Bot Connector style `endorsements`, plus a minter
// for the tokens the Connector would send. Point Teams:OpenIdMetadataUrl at MetadataUrl.
internal sealed class FakeBotFrameworkIdentity : IAsyncDisposable
{
    public const string AppId = "5b3c7d4e-1f2a-4b6c-8d9e-0a1b2c3d4e5f";
    public const string Issuer = "https://api.botframework.com";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string ChannelId = "msteams";
    private static readonly string[] SigningAlgorithms = ["RS256"];
    private static readonly string[] TokenAuthMethods = ["private_key_jwt"];
    public const string TeamsKid = "teams-key-1";
    public const string UnendorsedKid = "bare-key";
    public const string WebChatKid = "webchat-key";
    public const string HmacSecret = "a-shared-secret-that-is-long-enough-for-hs256";

    private readonly WebApplication _app;
    // Every private key ever used, by kid; only those in _published (kid → endorsements, null for
    // none) are served, so a retired or never-published kid still signs.
    private readonly ConcurrentDictionary<string, RSA> _keys = new();
    private readonly ConcurrentDictionary<string, string[]?> _published = new();
    private int _metadataFetches, _keyFetches, _rotations;

    public string BaseUrl { get; }
    public string MetadataUrl => BaseUrl + "/.well-known/openidconfiguration";
    public string KeysUrl => BaseUrl + "/keys";
    public int MetadataFetches => Volatile.Read(ref _metadataFetches);
    public int KeyFetches => Volatile.Read(ref _keyFetches);
    // The kid Token() signs with by default; RotateKey moves it to a freshly published key.
    public string CurrentKid { get; private set; } = TeamsKid;
    // While set, both documents answer 503.
    public bool Down { get; set; }

    private FakeBotFrameworkIdentity(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        _published[TeamsKid] = ["msteams", "skype"];
        _published[UnendorsedKid] = null;
        _published[WebChatKid] = ["webchat", "directline"];
    }

    public static Task<FakeBotFrameworkIdentity> StartAsync() => Loopback.StartAsync<FakeBotFrameworkIdentity>((app, fake) =>
    {
        app.MapGet("/.well-known/openidconfiguration", () => fake().Metadata());
        app.MapGet("/keys", () => fake().Keys());
    }, (app, url) => new FakeBotFrameworkIdentity(app, url));

    // Publishes a new endorsed key and makes it the default signer; the old keys stay published
    // unless retireOld, as the Connector overlaps keys while rotating.
    public string RotateKey(bool retireOld = false)
    {
        var kid = $"teams-key-{Interlocked.Increment(ref _rotations) + 1}";
        if (retireOld) _published.Clear();
        _published[kid] = ["msteams", "skype"];
        CurrentKid = kid;
        return kid;
    }

    // A signed JWT as the Connector sends it. `claims` edits the defaults (remove or replace any);
    // alg RS256/RS384/RS512/PS256 sign with the RSA key of `kid` (a kid that is not published
    // gets a private key of its own), HS256 with HmacSecret, "none" leaves the signature empty.
    public string Token(Action<Dictionary<string, object>>? claims = null, string alg = "RS256", string? kid = null,
        DateTimeOffset? now = null, TimeSpan? lifetime = null)
    {
        kid ??= CurrentKid;
        var issued = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var payload = new Dictionary<string, object>
        {
            ["serviceurl"] = ServiceUrl,
            ["nbf"] = issued,
            ["exp"] = issued + (long)(lifetime ?? TimeSpan.FromHours(1)).TotalSeconds,
            ["iss"] = Issuer,
            ["aud"] = AppId,
            ["iat"] = issued,
        };
        claims?.Invoke(payload);
        var header = new Dictionary<string, object> { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT" };
        var signingInput = $"{B64(JsonSerializer.SerializeToUtf8Bytes(header))}.{B64(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        return signingInput + "." + B64(Sign(Encoding.ASCII.GetBytes(signingInput), alg, kid));
    }

    public string Bearer(Action<Dictionary<string, object>>? claims = null, string alg = "RS256", string? kid = null,
        DateTimeOffset? now = null, TimeSpan? lifetime = null) => "Bearer " + Token(claims, alg, kid, now, lifetime);

    private byte[] Sign(byte[] input, string alg, string kid)
    {
        if (alg == "none") return [];
        if (alg == "HS256") return HMACSHA256.HashData(Encoding.UTF8.GetBytes(HmacSecret), input);
        var key = KeyOf(kid);
        var (hash, padding) = alg switch
        {
            "RS256" => (HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "RS384" => (HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            "RS512" => (HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            "PS256" => (HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => throw new ArgumentException($"The fake does not sign {alg}.", nameof(alg)),
        };
        return key.SignData(input, hash, padding);
    }

    private IResult Metadata()
    {
        Interlocked.Increment(ref _metadataFetches);
        if (Down) return Results.StatusCode(503);
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = KeysUrl,
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            ["token_endpoint_auth_methods_supported"] = TokenAuthMethods,
        });
    }

    private IResult Keys()
    {
        Interlocked.Increment(ref _keyFetches);
        if (Down) return Results.StatusCode(503);
        var keys = _published.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k =>
        {
            var p = KeyOf(k.Key).ExportParameters(false);
            var jwk = new Dictionary<string, object> { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = k.Key, ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) };
            if (k.Value is { } e) jwk["endorsements"] = e;
            return jwk;
        });
        return Results.Json(new { keys });
    }

    private RSA KeyOf(string kid) => _keys.GetOrAdd(kid, k =>
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(Generated.GetOrAdd(k, _ => new(Generate)).Value);
        return rsa;
    });

    // Generating a 2048-bit key takes a good fraction of a second, so all fakes share one key per kid.
    private static readonly ConcurrentDictionary<string, Lazy<RSAParameters>> Generated = new();

    private static RSAParameters Generate()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(true);
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var key in _keys.Values) key.Dispose();
    }
}
