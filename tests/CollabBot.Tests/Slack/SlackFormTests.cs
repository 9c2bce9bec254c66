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

    // The whole form, decoded from the bytes: the same fields as ASP.NET Core's query parser
    // reads from the body turned into a string, edge cases included.
    [Theory]
    [InlineData("user_id=U0ANA&text=kudos+%3C%40U0BEN%7Cben%3E+thanks&channel_id=C1")]
    [InlineData("text=%E4%BD%A0%E5%A5%BD+%F0%9F%8E%89&a=1&a=2&a=")]
    [InlineData("?x=y&&k&=v&%2B=%2b+")]
    [InlineData("bad=%E4%BD&odd=%zz%4&tail=%")]
    [InlineData("raw=你好&plus=a%2Bb")]
    [InlineData("")]
    public void A_form_reads_as_the_query_parser_reads_it(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var expected = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes))
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), SlackRequest.ParseForm(bytes).OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }
}
