using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Storage;
using CollabBot.Teams.Wire;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CollabBot.Teams.Web;

// POST /api/messages. Authentication comes before anything is used (Bot Connector
// authentication: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication),
// duplicates are answered from the seen ids (keyed by conversation id + activity id; on
// PostgreSQL a retry reaching another host is recognised too), and only then does the
// activity reach TeamsTurns.
internal static class TeamsEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;
    private static readonly TimeSpan RememberFor = TimeSpan.FromHours(1);

    public static async Task<IResult> HandleAsync(HttpContext http, TeamsGate gate, BotFrameworkAuth auth, SeenRequests seen, TeamsTurns turns,
        ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CollabBot.Teams");
        if (gate.Mode == TeamsMode.Off) return Results.Problem(gate.Why, statusCode: StatusCodes.Status503ServiceUnavailable);
        var header = http.Request.Headers.Authorization.ToString();
        var unsigned = gate.AcceptsUnsigned(http.Features.Get<CallerOrigin>());
        if (!unsigned && !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Reject(log, "no bearer token");
        if (http.Request.ContentLength > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return unsigned || (await auth.ValidateAsync(header, "msteams", ClaimedServiceUrl(header), http.RequestAborted)).Ok
                ? Results.StatusCode(StatusCodes.Status415UnsupportedMediaType) : Reject(log, "bad token");

        var (activity, tooLarge) = await ReadAsync(http);
        if (tooLarge) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (activity is null)
            // Malformed: only a caller whose token is genuine learns that it was the body.
            return unsigned || (await auth.ValidateAsync(header, "msteams", ClaimedServiceUrl(header), http.RequestAborted)).Ok
                ? Results.BadRequest("The body must be one Activity JSON object.") : Reject(log, "bad token");
        if (!unsigned)
        {
            var result = await auth.ValidateAsync(header, activity.ChannelId, activity.ServiceUrl, http.RequestAborted);
            if (!result.Ok) return Reject(log, result.Failure ?? "invalid token");
        }

        // Seen from the moment work starts: a retry that arrives while the first delivery is
        // still being handled (a slow Connector reply) must not do the work a second time.
        var key = $"teams-activity|{activity.ConversationId}|{activity.Id}";
        if (activity.Id is not null && await seen.ClaimAsync(http.RequestServices, key, RememberFor, http.RequestAborted) is { First: false } claim)
            return claim.EarlierResponse is { } earlier ? Results.Content(earlier, "application/json") : Results.Ok();
        try
        {
            var (status, body, repeatable) = await turns.HandleAsync(activity, http.RequestAborted);
            if (activity.Id is not null)
            {
                // A failure, or a view (Reply.Repeatable): a retry is answered by doing it again.
                if (status != StatusCodes.Status200OK || repeatable) await seen.ForgetAsync(http.RequestServices, key, CancellationToken.None);
                else if (body is not null) await seen.CompleteAsync(http.RequestServices, key, body.ToJsonString(), CancellationToken.None);
            }
            if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "5";   // reply backlog full
            return body is null ? Results.StatusCode(status) : Results.Json(body, statusCode: status);
        }
        catch (Exception e)
        {
            // Not remembered as seen: the Connector's retry gets another chance.
            if (activity.Id is not null) await seen.ForgetAsync(http.RequestServices, key, CancellationToken.None);
            if (e is not OperationCanceledException) log.ActivityFailed(e, activity.Type);
            throw;
        }
    }

    private static IResult Reject(ILogger log, string why)
    {
        log.RequestRefused(why);
        CollabBot.Core.Telemetry.CollabMetrics.TeamsRejected(why);
        return Results.Unauthorized();
    }

    private static async Task<(TeamsActivity? Activity, bool TooLarge)> ReadAsync(HttpContext http)
    {
        var (body, tooLarge) = await WireBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, http.RequestAborted);
        return body is null ? (null, tooLarge) : (WireJson.ParseObject(body) is { } json ? new TeamsActivity(json) : null, false);
    }

    // Only to tell a malformed body from a bad token: the claim is checked against itself,
    // the signature, issuer, audience and lifetime are checked for real.
    private static string? ClaimedServiceUrl(string header)
    {
        try
        {
            return new JsonWebToken(header["Bearer ".Length..].Trim()).TryGetClaim("serviceurl", out var c) ? c.Value : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
