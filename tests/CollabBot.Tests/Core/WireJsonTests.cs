using System.Text;
using CollabBot.Core;

namespace CollabBot.Tests.Core;

// A body is taken only whole: whatever a handler might read later must not throw then, even
// in a part of the body no handler reads now.
public sealed class WireJsonTests
{
    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"view":{"blocks":[{"type":"input","type":"section"}]}}""")]
    [InlineData("""{"view":{"blocks":[{"text":"\ud800"}]}}""")]
    [InlineData("""{"view":{"blocks":[{"\udc00":"x"}]}}""")]
    [InlineData("""{"a":"\u00e9","b":"\u00E9"}x""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"a":""")]
    public void A_body_with_anything_unreadable_is_refused(string json) =>
        Assert.Null(WireJson.ParseObject(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Nesting_beyond_64_levels_is_refused() =>
        Assert.Null(WireJson.ParseObject(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70))));

    [Fact]
    public void Escapes_that_read_are_read_however_long()
    {
        var longEscaped = string.Concat(Enumerable.Repeat("\\u4f60\\ud83d\\ude00", 200));   // 你😀 × 200: past the stack buffer
        var json = WireJson.ParseObject(Encoding.UTF8.GetBytes($$"""{"user":{"id":"U\u0031","name":"{{longEscaped}}"},"n":3}"""));
        Assert.NotNull(json);
        Assert.Equal("U1", json.At("user").At("id").Str());
        Assert.Equal(string.Concat(Enumerable.Repeat("你😀", 200)), json.At("user").At("name").Str());
        Assert.Null(json.At("n").Str());
    }
}
