using System.Diagnostics;
using CollabBot.Core;

namespace CollabBot.Slack.Web;

// A Slack request's raw body, read once (bounded) when the handler's parameters are bound.
// SlackVerification checks the signature over these bytes before the handler parses the same
// bytes: Slack signs the raw body, and nothing reads the request stream a second time.
// Started is when the request reached its endpoint: Slack's ack window runs from there.
internal sealed class SlackBody
{
    public required byte[] Bytes { get; init; }
    public bool TooLarge { get; init; }
    public long Started { get; init; }

    public static async ValueTask<SlackBody?> BindAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var (bytes, tooLarge) = await WireBody.ReadAsync(http.Request.Body, http.Request.ContentLength, SlackRequest.MaxBodyBytes, http.RequestAborted);
        return new SlackBody { Bytes = bytes ?? [], TooLarge = tooLarge, Started = started };
    }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Started);
}
