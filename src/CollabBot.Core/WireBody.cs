using System.Buffers;

namespace CollabBot.Core;

// A request body, read whole and bounded. With a Content-Length (Slack and the Bot Framework
// always send one) it is one array of that size; without, pooled chunks are gathered. Not a
// fixed chunk per request: most bodies are far smaller, and every request reads one.
internal static class WireBody
{
    public static async Task<(byte[]? Body, bool TooLarge)> ReadAsync(Stream body, long? length, int max, CancellationToken ct)
    {
        if (length > max) return (null, true);
        if (length is { } exact)
        {
            // The server ends a body shorter than its Content-Length with an error of its own.
            var whole = new byte[exact];
            await body.ReadExactlyAsync(whole, ct);
            return (whole, false);
        }
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max) return (null, true);
                buffer.Write(chunk, 0, read);
            }
            return (buffer.ToArray(), false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
