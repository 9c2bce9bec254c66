using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using CollabBot.Teams.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Tests.Support;

// A local stand-in for both the Entra token endpoint and the Bot Connector REST API (v3) on a
// real loopback socket. Like the real ones where the bot can tell: client credentials are
// checked, Connector calls need a token this fake issued (401 otherwise, unless started with
// requireAuth:false like the Agents Playground), errors are ErrorResponse JSON, 429 carries
// Retry-After, rosters come in pages. Every call is recorded.
internal sealed class FakeConnector : IAsyncDisposable
{
    public const string AppId = "00000000-0000-0000-0000-00000000b07a";
    public const string AppPassword = "fake-app-password";
    public const string TokenPath = "/botframework.com/oauth2/v2.0/token";

    private readonly WebApplication _app;
    private readonly bool _requireAuth;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();
    private readonly ConcurrentDictionary<string, bool> _issued = new();
    private int _ids;

    public sealed record Call(string Method, string Path, string RawTarget, string? Authorization, string Body)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    public ConcurrentQueue<Call> Calls { get; } = new();
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();
    public string ServiceUrl { get; }
    public string TokenUrl { get; }
    public int TokenLifetimeSeconds { get; set; } = 3600;
    public int MembersPageSize { get; set; } = 2;

    public List<TeamsMember> Members { get; } =
    [
        new("29:1ana", "Ana", "aad-ana", "ana@contoso.example", "user", "ana@contoso.example"),
        new("29:1ben", "Ben", "aad-ben", "ben@contoso.example", "user", "ben@contoso.example"),
        new("29:1li", "Li Wei", "aad-li", null, "guest"),
    ];

    // Settings for a host under test: its Teams section pointed at this fake.
    public Dictionary<string, string?> Settings => _requireAuth
        ? new() { ["Teams:AppId"] = AppId, ["Teams:AppPassword"] = AppPassword, ["Teams:TokenEndpoint"] = TokenUrl }
        : new() { ["Teams:TokenEndpoint"] = TokenUrl };

    private FakeConnector(WebApplication app, string baseUrl, bool requireAuth)
    {
        _app = app;
        _requireAuth = requireAuth;
        ServiceUrl = baseUrl.TrimEnd('/') + "/";
        TokenUrl = baseUrl.TrimEnd('/') + TokenPath;
    }

    public static Task<FakeConnector> StartAsync(bool requireAuth = true) => Loopback.StartAsync<FakeConnector>((app, fake) =>
    {
        app.MapPost(TokenPath, (HttpContext http) => fake().TokenAsync(http));
        app.Map("/v3/conversations/{**rest}", (HttpContext http) => fake().ConnectorAsync(http));
    }, (app, url) => new FakeConnector(app, url, requireAuth));

    public IEnumerable<Call> Of(string method, string pathEnd = "") =>
        Calls.Where(c => c.Method == method && c.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    // The next Connector call (any path; the token endpoint is not scripted) answers this way,
    // `times` calls in a row.
    public void Next(Func<HttpContext, Task> respond, int times = 1)
    {
        for (var i = 0; i < times; i++) _scripted.Enqueue(respond);
    }

    public void Next(int status, string? code = null, int? retryAfterSeconds = null, int times = 1) => Next(http =>
    {
        http.Response.StatusCode = status;
        if (retryAfterSeconds is { } s) http.Response.Headers.RetryAfter = s.ToString(CultureInfo.InvariantCulture);
        return code is null ? Task.CompletedTask : http.Response.WriteAsJsonAsync(new { error = new { code, message = $"Fake {code}" } });
    }, times);

    public void ClearScript() => _scripted.Clear();

    // The next Connector call is held until `until` completes, then answered as usual (a slow Connector).
    public void HoldNext(Task until) => Next(async http =>
    {
        await until;
        await Respond(http, http.Request.Method, Segments(http));
    });

    private static string[] Segments(HttpContext http) => http.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)[2..];

    private async Task TokenAsync(HttpContext http)
    {
        var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        TokenRequests.Enqueue(form);
        if (form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("scope") != BotTokens.Scope)
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsJsonAsync(new { error = "invalid_request", error_description = "Fake: bad grant or scope" });
            return;
        }
        if (form.GetValueOrDefault("client_id") != AppId || form.GetValueOrDefault("client_secret") != AppPassword)
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new { error = "invalid_client", error_description = "Fake: unknown client" });
            return;
        }
        var token = $"fake-bot-token-{TokenRequests.Count}";
        _issued[token] = true;
        await http.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = TokenLifetimeSeconds, ext_expires_in = TokenLifetimeSeconds, access_token = token });
    }

    private async Task ConnectorAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var auth = http.Request.Headers.Authorization.ToString();
        var raw = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        Calls.Enqueue(new Call(http.Request.Method, http.Request.Path.Value!, raw, auth.Length == 0 ? null : auth, body));
        if (_scripted.TryDequeue(out var respond))
        {
            await respond(http);
            return;
        }
        if (_requireAuth && !(auth.StartsWith("Bearer ", StringComparison.Ordinal) && _issued.ContainsKey(auth["Bearer ".Length..])))
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new { message = "Authorization has been denied for this request." });
            return;
        }
        await Respond(http, http.Request.Method, Segments(http));
    }

    // Segments after /v3/conversations, already unescaped: [] | [id, "activities"(, activityId)] | [id, "pagedmembers"].
    private Task Respond(HttpContext http, string method, string[] s) => (method, s) switch
    {
        ("POST", []) => http.Response.WriteAsJsonAsync(new { id = $"a:fake-1on1-{Interlocked.Increment(ref _ids)}", activityId = (string?)null }),
        ("POST", [_, "activities"]) or ("POST", [_, "activities", _]) => http.Response.WriteAsJsonAsync(new { id = NewActivityId() }),
        ("PUT", [_, "activities", var id]) => http.Response.WriteAsJsonAsync(new { id }),
        ("GET", [_, "pagedmembers"]) => http.Response.WriteAsJsonAsync(Page(http.Request.Query["continuationToken"].ToString())),
        _ => NotFound(http),
    };

    private string NewActivityId() => (1759944781430L + Interlocked.Increment(ref _ids)).ToString(CultureInfo.InvariantCulture);

    // Continuation tokens look like the real ones: opaque, with characters that need escaping.
    private JsonObject Page(string continuation)
    {
        var start = continuation.Length == 0 ? 0 : int.Parse(continuation.Split('+')[1].TrimEnd('='), CultureInfo.InvariantCulture);
        var members = Members.Skip(start).Take(MembersPageSize).Select(m => (JsonNode)new JsonObject
        {
            ["id"] = m.Id,
            ["name"] = m.Name,
            ["aadObjectId"] = m.AadObjectId,
            ["email"] = m.Email,
            ["userRole"] = m.UserRole,
            ["userPrincipalName"] = m.UserPrincipalName,
            ["tenantId"] = "tenant-fake",
            ["objectId"] = m.AadObjectId,
        }).ToArray();
        var page = new JsonObject { ["members"] = new JsonArray(members) };
        if (start + MembersPageSize < Members.Count) page["continuationToken"] = $"page/+{start + MembersPageSize}==";
        return page;
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = 404;
        return http.Response.WriteAsJsonAsync(new { error = new { code = "NotFound", message = "Fake: no such route" } });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
