using System.Text;
using CollabBot.Host.Crm;

namespace CollabBot.Tests.Host.Crm;

// The generic webhook's signature, v1=hex(HMAC-SHA256(secret, "{timestamp}.{raw body}")).
public sealed class CrmSignatureTests
{
    private const string Secret = "whsec-collabbot-test";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"from":"ben@acme.example","to":"ana@acme.example","subject":"Contoso","externalId":"0061x00000AbCdE"}""");
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1764000000);
    // Computed apart from this code (Python's hmac over the same bytes), so the two agree on the format.
    private const string Known = "v1=42bbd00f4e4894d9010f176c89b20f4761e1e6a8c064f29bab600a864a465727";

    [Fact]
    public void The_signature_is_hex_hmac_of_timestamp_dot_body()
    {
        Assert.Equal(Known, CrmSignature.Sign(Secret, "1764000000", Body));
        Assert.Equal(CrmCheck.Valid, CrmSignature.Verify(Secret, "1764000000", Known, Body, At, 300));
        Assert.Equal(CrmCheck.Valid, CrmSignature.Verify(Secret, "1764000000", Known.ToUpperInvariant().Replace("V1=", "v1="), Body, At, 300));
    }

    [Theory]
    [InlineData(null, Known, "Missing")]
    [InlineData("1764000000", null, "Missing")]
    [InlineData("1764000000", "", "Missing")]
    [InlineData("soon", Known, "Malformed")]
    [InlineData("-1764000000", Known, "Malformed")]
    [InlineData("1764000000", "v0=42bbd00f4e4894d9010f176c89b20f4761e1e6a8c064f29bab600a864a465727", "Malformed")]
    [InlineData("1764000000", "v1=42bbd00f", "Malformed")]
    [InlineData("1764000000", "v1=zzbbd00f4e4894d9010f176c89b20f4761e1e6a8c064f29bab600a864a465727", "Malformed")]
    [InlineData("1764000000", "v1=52bbd00f4e4894d9010f176c89b20f4761e1e6a8c064f29bab600a864a465727", "Mismatch")]
    [InlineData("1763999699", Known, "Stale")]
    [InlineData("1764000301", Known, "Stale")]
    [InlineData("1764000001", Known, "Mismatch")]                          // another timestamp, the same signature
    public void Anything_else_is_refused(string? timestamp, string? signature, string expected) =>
        Assert.Equal(expected, CrmSignature.Verify(Secret, timestamp, signature, Body, At, 300).ToString());

    [Fact]
    public void A_tampered_body_or_another_secret_does_not_verify()
    {
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("ana@", "eve@"));
        Assert.Equal(CrmCheck.Mismatch, CrmSignature.Verify(Secret, "1764000000", Known, tampered, At, 300));
        Assert.Equal(CrmCheck.Mismatch, CrmSignature.Verify("another-secret", "1764000000", Known, Body, At, 300));
        // Re-serialised JSON is other bytes: only the raw body verifies.
        var spaced = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace(",", ", "));
        Assert.Equal(CrmCheck.Mismatch, CrmSignature.Verify(Secret, "1764000000", Known, spaced, At, 300));
    }
}
