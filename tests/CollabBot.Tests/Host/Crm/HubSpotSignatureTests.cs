using System.Text;
using CollabBot.Host.Crm;

namespace CollabBot.Tests.Host.Crm;

// HubSpot's v3 signature: base64(HMAC-SHA256(client secret, method + URI + body + timestamp)).
public sealed class HubSpotSignatureTests
{
    // The example HubSpot publishes with its client libraries (hubspot-api-python,
    // tests/spec/utils/test_signature.py, test_get_signature__v3).
    private const string ExampleSecret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private const string ExampleBody = "{'example_field':'example_value'}";
    private const string ExampleUri = "https://www.example.com/webhook_uri";
    private const string ExampleTimestamp = "15000000";
    private const string ExampleSignature = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";
    private static readonly DateTimeOffset ExampleNow = DateTimeOffset.FromUnixTimeMilliseconds(15000000);

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void HubSpots_published_example_signs_and_verifies()
    {
        Assert.Equal(ExampleSignature, HubSpotSignature.Sign(ExampleSecret, "POST", ExampleUri, Bytes(ExampleBody), ExampleTimestamp));
        Assert.Equal(CrmCheck.Valid, HubSpotSignature.Verify(ExampleSecret, "POST", ExampleUri, Bytes(ExampleBody), ExampleTimestamp, ExampleSignature, ExampleNow, 300));
    }

    [Fact]
    public void Tampering_with_any_part_or_waiting_too_long_fails()
    {
        CrmCheck Check(string method = "POST", string uri = ExampleUri, string body = ExampleBody, string? timestamp = ExampleTimestamp,
            string? signature = ExampleSignature, string secret = ExampleSecret, DateTimeOffset? now = null) =>
            HubSpotSignature.Verify(secret, method, uri, Bytes(body), timestamp, signature, now ?? ExampleNow, 300);

        Assert.Equal(CrmCheck.Mismatch, Check(method: "PUT"));
        Assert.Equal(CrmCheck.Mismatch, Check(uri: "https://www.example.com/webhook_uri2"));
        Assert.Equal(CrmCheck.Mismatch, Check(body: "{'example_field':'other_value'}"));
        Assert.Equal(CrmCheck.Mismatch, Check(secret: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"));
        Assert.Equal(CrmCheck.Stale, Check(timestamp: "14000000"));                                    // the signature's own window
        Assert.Equal(CrmCheck.Stale, Check(now: ExampleNow.AddMinutes(5).AddMilliseconds(1)));           // five minutes later
        Assert.Equal(CrmCheck.Valid, Check(now: ExampleNow.AddMinutes(5)));
        Assert.Equal(CrmCheck.Missing, Check(signature: null));
        Assert.Equal(CrmCheck.Missing, Check(timestamp: null));
        Assert.Equal(CrmCheck.Malformed, Check(timestamp: "15000000.5"));
        Assert.Equal(CrmCheck.Malformed, Check(signature: "not base64!"));
        Assert.Equal(CrmCheck.Malformed, Check(signature: "HPW73RUt"));
    }

    [Fact]
    public void The_uri_is_the_public_one_with_the_characters_hubspot_decodes()
    {
        Assert.Equal("https://bot.acme.example/crm/hubspot", HubSpotSignature.Uri("https://bot.acme.example/", "/crm/hubspot", ""));
        Assert.Equal("https://bot.acme.example/crm/hubspot?portal=1&tag=a:b/c@d",
            HubSpotSignature.Uri("https://bot.acme.example", "/crm/hubspot", "?portal=1&tag=a%3Ab%2Fc%40d"));
        Assert.Equal("https://bot.acme.example/crm/hubspot?q=a%20b", HubSpotSignature.Uri("https://bot.acme.example", "/crm/hubspot", "?q=a%20b"));
    }
}
