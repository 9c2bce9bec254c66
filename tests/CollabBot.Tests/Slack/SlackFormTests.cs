using System.Text;
using CollabBot.Slack.Web;

namespace CollabBot.Tests.Slack;

// Reading one field of a form body straight from its bytes, as application/x-www-form-urlencoded
// says: `+` is a space, %XX a byte, the first field of the name counts, a longer name is another field.
public sealed class SlackFormTests
{
    [Theory]
    [InlineData("payload=%7B%22a%22%3A%22b+c%22%7D", "{\"a\":\"b c\"}")]
    [InlineData("token=x&payload=%E4%BD%A0%E5%A5%BD&payload=second", "你好")]
    [InlineData("payloadx=1&payload=2", "2")]
    [InlineData("payload=", "")]
    public void A_field_is_decoded_from_the_body_bytes(string body, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(SlackRequest.FormField(Encoding.ASCII.GetBytes(body), "payload")!));

    [Theory]
    [InlineData("")]
    [InlineData("payloadx=1")]
    [InlineData("token=payload")]
    [InlineData("payload")]
    public void A_missing_field_is_null(string body) =>
        Assert.Null(SlackRequest.FormField(Encoding.ASCII.GetBytes(body), "payload"));
}
