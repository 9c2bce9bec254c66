using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CollabBot.Benchmarks;

// The Bot Framework's signing side for scripts that drive Teams traffic at a real host: an
// endorsed RSA key published as OpenID metadata + JWKS, and tokens as the Connector signs them.
internal sealed class BotFrameworkIdentity : IDisposable
{
    public const string AppId = "5d1e2c3b-4a5e-4f60-8a7b-9c0d1e2f3a40";
    public const string Issuer = "https://api.botframework.com";
    private const string Kid = "script-key-1";
    private readonly RSA _rsa = RSA.Create(2048);

    public static Dictionary<string, object> Metadata(string jwksUri) => new()
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
    };

    public object Keys()
    {
        var p = _rsa.ExportParameters(false);
        return new
        {
            keys = new[]
            {
                new Dictionary<string, object>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["kid"] = Kid, ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
                    ["endorsements"] = new[] { "msteams" },
                },
            },
        };
    }

    public string Token(string serviceUrl) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = AppId,
        Expires = DateTime.UtcNow.AddHours(1),
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = Kid }, SecurityAlgorithms.RsaSha256),
    });

    public void Dispose() => _rsa.Dispose();
}
