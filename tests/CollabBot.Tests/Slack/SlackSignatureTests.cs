using System.Text;
using CollabBot.Slack.Wire;

namespace CollabBot.Tests.Slack;

public sealed class SlackSignatureTests
{
    // Slack's published example ("Verifying requests from Slack").
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J" +
        "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly DateTimeOffset Then = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private static SignatureCheck Check(string? ts, string? sig, string body, DateTimeOffset now, string secret = Secret) =>
        SlackSignature.Verify(secret, ts, sig, Encoding.UTF8.GetBytes(body), now);

    [Fact]
    public void The_published_example_signs_and_verifies()
    {
        Assert.Equal(Expected, SlackSignature.Sign(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));
        Assert.Equal(SignatureCheck.Valid, Check(Timestamp, Expected, Body, Then));
        Assert.Equal(SignatureCheck.Valid, Check(Timestamp, Expected, Body, Then.AddSeconds(300)));
    }

    [Fact]
    public void Anything_else_is_refused()
    {
        Assert.Equal(SignatureCheck.Stale, Check(Timestamp, Expected, Body, Then.AddSeconds(301)));
        Assert.Equal(SignatureCheck.Stale, Check(Timestamp, Expected, Body, Then.AddSeconds(-301)));
        Assert.Equal(SignatureCheck.Mismatch, Check(Timestamp, Expected, Body.Replace("roadrunner", "coyote"), Then));
        Assert.Equal(SignatureCheck.Mismatch, Check(Timestamp, Expected, Body, Then, secret: "another-secret"));
        Assert.Equal(SignatureCheck.Mismatch, Check("1531420619", Expected, Body, Then));
        Assert.Equal(SignatureCheck.Missing, Check(null, Expected, Body, Then));
        Assert.Equal(SignatureCheck.Missing, Check(Timestamp, null, Body, Then));
        Assert.Equal(SignatureCheck.Malformed, Check(Timestamp, "v1=" + Expected[3..], Body, Then));
        Assert.Equal(SignatureCheck.Malformed, Check(Timestamp, "v0=zz" + Expected[5..], Body, Then));
        Assert.Equal(SignatureCheck.Malformed, Check("yesterday", Expected, Body, Then));
    }

    [Fact]
    public void A_reserialised_body_does_not_verify()
    {
        const string json = "{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}";
        var sig = SlackSignature.Sign(Secret, Timestamp, Encoding.UTF8.GetBytes(json));
        Assert.Equal(SignatureCheck.Mismatch, Check(Timestamp, sig, "{ \"type\": \"event_callback\", \"event_id\": \"Ev1\" }", Then));
    }
}
