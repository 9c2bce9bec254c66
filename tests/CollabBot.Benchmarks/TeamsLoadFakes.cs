using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CollabBot.Benchmarks;

// Everything Microsoft runs around a Teams bot, on one loopback Kestrel in the driver process:
// the Bot Framework OpenID metadata and JWKS (one endorsed RSA key), the Entra token endpoint
// and a Connector that accepts every send at once. The host under test is pointed here, so
// its real inbound JWT check and outbound token + Connector calls are all on the measured path.
internal sealed class TeamsLoadFakes : IAsyncDisposable
{
    public const string AppId = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
    public const string AppPassword = "load-test-app-password";
    public const string Issuer = "https://api.botframework.com";
    private const string Kid = "load-key-1";
    private static readonly string[] SigningAlgorithms = ["RS256"];

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private int _sends, _creates, _tokens, _keyFetches, _unauthorized;

    public string BaseUrl { get; private set; } = "";
    // The Connector lives at the root, so a serviceUrl is just the base with a slash.
    public string ServiceUrl => BaseUrl + "/";
    public int Sends => Volatile.Read(ref _sends);
    public int Creates => Volatile.Read(ref _creates);
    public int TokensIssued => Volatile.Read(ref _tokens);
    public int KeyFetches => Volatile.Read(ref _keyFetches);
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    private TeamsLoadFakes(WebApplication app) => _app = app;

    public static async Task<TeamsLoadFakes> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fakes = new TeamsLoadFakes(app);
        app.MapGet("/.well-known/openidconfiguration", fakes.Metadata);
        app.MapGet("/keys", fakes.Keys);
        app.MapPost("/oauth2/v2.0/token", fakes.TokenAsync);
        app.MapPost("/v3/conversations", fakes.Create);
        app.MapPost("/v3/conversations/{id}/activities", fakes.SendAsync);
        await app.StartAsync();
        fakes.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fakes;
    }

    public Dictionary<string, string> HostSettings => new()
    {
        ["Teams__AppId"] = AppId,
        ["Teams__AppPassword"] = AppPassword,
        ["Teams__OpenIdMetadataUrl"] = BaseUrl + "/.well-known/openidconfiguration",
        ["Teams__TokenEndpoint"] = BaseUrl + "/oauth2/v2.0/token",
        // Replies drain at the Connector budget (about 15 private replies a second); a run queues
        // far more. Room for all of them, so the saturation phase measures acks, not the 503 refusal.
        ["Teams__ReplyBacklog"] = "1000000",
    };

    // A token as the Bot Connector signs it for this bot; valid for an hour, so one serves a run.
    public string Token()
    {
        var key = new RsaSecurityKey(_rsa) { KeyId = Kid };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            Expires = DateTime.UtcNow.AddHours(1),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult Metadata() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = BaseUrl + "/keys",
        ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
    });

    private IResult Keys()
    {
        Interlocked.Increment(ref _keyFetches);
        var p = _rsa.ExportParameters(false);
        var key = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64Url.EncodeToString(p.Modulus),
            ["e"] = Base64Url.EncodeToString(p.Exponent),
            ["endorsements"] = new[] { "msteams" },
        };
        return Results.Json(new { keys = new[] { key } });
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["client_id"] != AppId || form["client_secret"] != AppPassword)
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        var n = Interlocked.Increment(ref _tokens);
        return Results.Json(new { access_token = $"load-bot-token-{n}", expires_in = 3600, token_type = "Bearer" });
    }

    // Teams hands back the user's existing 1:1 chat, so the id is stable per user; a shared id
    // would put every private reply in one thread and measure its 7-per-second limit instead.
    private IResult Create(HttpRequest request, System.Text.Json.Nodes.JsonObject body)
    {
        if (!Authorized(request)) return Results.Unauthorized();
        Interlocked.Increment(ref _creates);
        var user = body["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
        return Results.Json(new { id = "a:1on1-" + user }, statusCode: 201);
    }

    private async Task<IResult> SendAsync(HttpRequest request)
    {
        if (!Authorized(request)) return Results.Unauthorized();
        // Read the body as the real service would, without keeping it.
        await request.Body.CopyToAsync(Stream.Null);
        var n = Interlocked.Increment(ref _sends);
        return Results.Json(new { id = $"1700000000{n:D6}" }, statusCode: 201);
    }

    private bool Authorized(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString().StartsWith("Bearer load-bot-token-", StringComparison.Ordinal)) return true;
        Interlocked.Increment(ref _unauthorized);
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
