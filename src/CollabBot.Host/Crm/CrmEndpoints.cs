using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Storage;

namespace CollabBot.Host.Crm;

// POST /crm/handoffs: a handoff from any CRM that can sign a request (a Salesforce Flow
// callout through Apex, a HubSpot workflow's custom code, Zapier's code step). Verified first —
// signature, timestamp, not seen before — then parsed, then recorded: 200 recorded or already
// recorded, 202 not matched (the reason in the body and in `handoff crm`), 400 malformed,
// 401 refused, 503 when the chat platform could not be asked (send it again later).
internal static class CrmEndpoints
{
    public const string WebhookPath = "/crm/handoffs";
    public const string HubSpotPath = "/crm/hubspot";
    public const int MaxBodyBytes = 64 * 1024;
    // A signature stays refused a while after its timestamp could no longer pass anyway.
    public static readonly TimeSpan RememberSignatures = TimeSpan.FromMinutes(11);

    public static async Task<IResult> WebhookAsync(HttpContext http, CrmOptions options, TimeProvider time, SeenRequests seen, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CollabBot.Crm");
        var ct = http.RequestAborted;
        var (body, _) = await WireBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, ct);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var signature = http.Request.Headers[CrmSignature.SignatureHeader].ToString();
        var check = CrmSignature.Verify(options.WebhookSecret!, http.Request.Headers[CrmSignature.TimestampHeader], signature, body,
            time.GetUtcNow(), options.MaxClockSkewSeconds);
        if (check != CrmCheck.Valid) return Refused(log, "signature " + check);
        var key = "crm:" + signature.ToLowerInvariant();
        if (!(await seen.ClaimAsync(http.RequestServices, key, RememberSignatures, ct)).First) return Refused(log, "replayed");

        // A malformed call stays refused as a replay: its sender corrects it and signs it anew.
        if (Read(body) is not { } request) return Invalid("the body must be a JSON object with string fields from, to, subject and externalId (url and stage optional)");
        if (request.Problem() is { } problem) return Invalid(problem);
        try
        {
            var outcome = await http.RequestServices.GetRequiredService<CrmHandoffs>().ReceiveAsync(request, ct);
            if (outcome.Status == CrmStatus.Unavailable) await seen.ForgetAsync(http.RequestServices, key, CancellationToken.None);
            return Answer(outcome);
        }
        catch
        {
            // Nothing was committed: the same call may come again.
            await seen.ForgetAsync(http.RequestServices, key, CancellationToken.None);
            throw;
        }
    }

    public static IResult Answer(CrmOutcome o) => o.Status switch
    {
        CrmStatus.Recorded => Results.Json(new { status = "recorded", handoff = o.HandoffId }),
        CrmStatus.Duplicate => Results.Json(new { status = "duplicate" }),
        CrmStatus.Unmatched => Results.Json(new { status = "unmatched", reason = o.Message }, statusCode: StatusCodes.Status202Accepted),
        _ => Results.Json(new { status = "unavailable", reason = o.Detail }, statusCode: StatusCodes.Status503ServiceUnavailable),
    };

    public static IResult Refused(ILogger log, string why)
    {
        log.CrmRefused(why);
        return Results.Unauthorized();
    }

    public static IResult Invalid(string problem) =>
        Results.Json(new { status = "invalid", reason = problem }, statusCode: StatusCodes.Status400BadRequest);

    private static CrmHandoffRequest? Read(byte[] body)
    {
        var json = WireJson.ParseObject(body);
        if (json is null) return null;
        string? Field(string name) => json.At(name).Str();
        bool Absent(string name) => json.At(name) is null || json.At(name) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Null;
        if (Field("from") is not { } from || Field("to") is not { } to || Field("subject") is not { } subject || Field("externalId") is not { } id) return null;
        if ((!Absent("url") && Field("url") is null) || (!Absent("stage") && Field("stage") is null)) return null;
        return new CrmHandoffRequest("webhook", from, to, subject, id, Field("url"), Field("stage"));
    }
}
