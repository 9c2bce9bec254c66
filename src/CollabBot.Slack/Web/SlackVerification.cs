using System.Reflection;
using CollabBot.Core.Storage;
using CollabBot.Core.Telemetry;
using CollabBot.Slack.Wire;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack.Web;

internal enum SlackContent { Form, Json }

// What a signed Slack endpoint takes. Once: the request changes something (a command, an
// interaction), and a replay of it must not change it twice (SlackVerification.FirstDeliveryAsync).
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SlackSignedAttribute(SlackContent content, bool once = false) : Attribute
{
    public SlackContent Content { get; } = content;
    public bool Once { get; } = once;
}

// Verification first, once for every signed route under /slack: the bounded raw body, the
// signature and the timestamp, before the handler parses anything. A failure is 401 and
// nothing else happens. The OAuth routes are not signed and not under this filter.
internal sealed class SlackVerification(SlackSignedAttribute shape, int bodyAt, SlackOptions options, SeenRequests seen, TimeProvider time, ILogger log)
    : IEndpointFilter
{
    private const string KeyPrefix = "slack-request|";

    // One filter per endpoint, built at startup: a handler under /slack that does not say what
    // it takes, or takes no SlackBody, fails the start rather than run unverified.
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var handler = context.MethodInfo;
        var shape = handler.GetCustomAttribute<SlackSignedAttribute>()
            ?? throw new InvalidOperationException($"{handler.DeclaringType?.Name}.{handler.Name} is a /slack route without [SlackSigned]");
        var bodyAt = Array.FindIndex(handler.GetParameters(), p => p.ParameterType == typeof(SlackBody));
        if (bodyAt < 0) throw new InvalidOperationException($"{handler.DeclaringType?.Name}.{handler.Name} is a /slack route without a SlackBody parameter");
        var services = context.ApplicationServices;
        var filter = new SlackVerification(shape, bodyAt, services.GetRequiredService<IOptions<SlackOptions>>().Value,
            services.GetRequiredService<SeenRequests>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("CollabBot.Slack"));
        return invocation => filter.InvokeAsync(invocation, next);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (!options.Enabled) return Results.NotFound();
        var http = invocation.HttpContext;
        var body = invocation.GetArgument<SlackBody>(bodyAt);
        if (body.TooLarge) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var headers = http.Request.Headers;
        var check = SlackSignature.Verify(options.SigningSecret!, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"],
            body.Bytes, time.GetUtcNow(), options.MaxClockSkewSeconds);
        if (check != SignatureCheck.Valid)
        {
            log.SignatureRefused(http.Request.Path, check);
            CollabMetrics.SlackRejected(check.ToString());
            return Results.Unauthorized();
        }
        if (!(shape.Content == SlackContent.Json ? SlackRequest.IsJson(http.Request) : SlackRequest.IsForm(http.Request)))
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        if (shape.Once && !await FirstDeliveryAsync(http))
        {
            log.ReplayRefused(http.Request.Path);
            CollabMetrics.SlackRejected("Replayed");
            return Results.Ok();   // harmless: Slack shows nothing, and nothing happens
        }
        return await next(invocation);
    }

    // A signed request stays valid for the whole clock-skew window, so the same body, timestamp
    // and signature sent again inside it would verify again. Its signature (the canonical lower-
    // case hex of the HMAC, so a recased copy is the same key) is claimed in the seen-requests
    // store: in the database on PostgreSQL, where the replay may reach another host, in memory
    // on SQLite's single host. Kept until the signature could no longer verify anywhere: the
    // timestamp may lie up to the skew ahead of the clock and is accepted up to the skew behind.
    // Slack itself never sends a command or an interaction twice; its event retries carry new
    // signatures and are recognised by event_id (SlackEvents).
    private async Task<bool> FirstDeliveryAsync(HttpContext http)
    {
        var signature = http.Request.Headers["X-Slack-Signature"].ToString();
        var key = string.Create(KeyPrefix.Length + signature.Length, signature, static (span, s) =>
        {
            KeyPrefix.CopyTo(span);
            s.AsSpan().ToLowerInvariant(span[KeyPrefix.Length..]);
        });
        var keepFor = TimeSpan.FromSeconds(2 * options.MaxClockSkewSeconds + 60);
        return (await seen.ClaimAsync(http.RequestServices, key, keepFor, http.RequestAborted)).First;
    }
}
