using System.Text;
using CollabBot.Core;

namespace CollabBot.Tests.Core;

// A request body read whole: with or without a Content-Length, and refused past its bound.
public sealed class WireBodyTests
{
    [Fact]
    public async Task A_body_is_read_whole_with_or_without_a_length_and_refused_past_the_bound()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('x', 40_000));
        Assert.Equal(bytes, (await WireBody.ReadAsync(new MemoryStream(bytes), bytes.Length, 50_000, default)).Body);
        Assert.Equal(bytes, (await WireBody.ReadAsync(new MemoryStream(bytes), null, 50_000, default)).Body);
        Assert.Equal((null, true), await WireBody.ReadAsync(new MemoryStream(bytes), bytes.Length, 30_000, default));
        Assert.Equal((null, true), await WireBody.ReadAsync(new MemoryStream(bytes), null, 30_000, default));
    }
}
