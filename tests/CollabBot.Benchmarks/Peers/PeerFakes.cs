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

namespace CollabBot.Benchmarks.Peers;

// Microsoft's side of Teams for both bots, on one loopback Kestrel: one endorsed RSA key published
// twice (Bot Framework OpenID metadata + JWKS for CollabBot; an Entra-style authority's
// /discovery/v2.0/keys for the Agents SDK, whose JWKS address follows the token's issuer), the
// token endpoint, and a Connector per side (/{side}/v3/...) that counts what each bot posts.
internal sealed class PeerFakes : IAsyncDisposable
{
    public const string AppId = "7e1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4c";
    public const string AppPassword = "peer-bench-app-password";
    public const string Tenant = TeamsIds.Tenant;
    private const string BotFrameworkIssuer = "https://api.botframework.com";
    private static readonly string[] SigningAlgorithms = ["RS256"];
    private const string Kid = "peer-key-1";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly Dictionary<string, int[]> _posts = new() { ["collab"] = [0], ["agents"] = [0] };
    private int _tokens, _refused;

    public string BaseUrl { get; private set; } = "";
    public string Authority => $"{BaseUrl}/{Tenant}";
    public string ServiceUrl(string side) => $"{BaseUrl}/{side}/";
    public int Posts(string side) => Volatile.Read(ref _posts[side][0]);
    public int Refused => Volatile.Read(ref _refused);
    public int TokensIssued => Volatile.Read(ref _tokens);

    private PeerFakes(WebApplication app) => _app = app;

    public static async Task<PeerFakes> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fakes = new PeerFakes(app);
        app.MapGet("/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        { ["issuer"] = BotFrameworkIssuer, ["jwks_uri"] = fakes.BaseUrl + "/keys", ["id_token_signing_alg_values_supported"] = SigningAlgorithms }));
        app.MapGet("/keys", fakes.Keys);
        app.MapGet("/{tenant}/discovery/v2.0/keys", fakes.Keys);
        app.MapPost("/oauth2/v2.0/token", fakes.TokenAsync);
        app.MapPost("/{side}/v3/conversations", (string side, HttpRequest request) => fakes.PostAsync(side, request, created: true));
        app.MapPost("/{side}/v3/conversations/{**rest}", (string side, HttpRequest request) => fakes.PostAsync(side, request, created: false));
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
        ["Teams__ReplyBacklog"] = "1000000",
    };

    public Dictionary<string, string> AgentsSettings => new()
    {
        ["PEER_APP_ID"] = AppId,
        ["PEER_APP_PASSWORD"] = AppPassword,
        ["PEER_TENANT"] = Tenant,
        ["PEER_AUTHORITY"] = Authority,
        ["PEER_TOKEN_ENDPOINT"] = BaseUrl + "/oauth2/v2.0/token",
    };

    // As the Bot Connector signs for CollabBot (Bot Framework issuer) or, for the Agents SDK, with
    // the local authority's issuer (the SDK only takes the Bot Framework issuer's keys from
    // login.botframework.com). Same key, audience, lifetime and serviceurl claim.
    public string Token(string side) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = side == "collab" ? BotFrameworkIssuer : Authority + "/v2.0",
        Audience = AppId,
        Expires = DateTime.UtcNow.AddHours(1),
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl(side), ["tid"] = Tenant },
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = Kid }, SecurityAlgorithms.RsaSha256),
    });

    private IResult Keys()
    {
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
        return Results.Json(new { access_token = $"peer-bot-token-{n}", expires_in = 3600, token_type = "Bearer" });
    }

    // Opening a 1:1 chat returns its id; every other post (send, reply) is counted as a post.
    private async Task<IResult> PostAsync(string side, HttpRequest request, bool created)
    {
        if (!_posts.TryGetValue(side, out var count) || !request.Headers.Authorization.ToString().StartsWith("Bearer peer-bot-token-", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refused);
            return Results.Unauthorized();
        }
        using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
        if (created)
        {
            var user = body.RootElement.TryGetProperty("members", out var m) ? m[0].GetProperty("id").GetString() : "unknown";
            return Results.Json(new { id = "a:1on1-" + user }, statusCode: 201);
        }
        var n = Interlocked.Increment(ref count[0]);
        return Results.Json(new { id = $"1700000000{n:D6}" }, statusCode: 201);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
