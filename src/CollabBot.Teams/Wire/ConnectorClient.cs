using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core;

namespace CollabBot.Teams.Wire;

// The Bot Connector REST API (ConnectorAPI.swagger.json, v3) at the serviceUrl an activity came
// from. Each call waits for its rate-limit turn, carries the bot token when there is one, and
// maps failures to ConnectorException / ConnectorThrottledException; the resilience handler
// (ConnectorSetup) has already retried 429/412/502/503/504 by then.
internal sealed class ConnectorClient(HttpClient http, BotTokens tokens, ConnectorLimits limits, TimeProvider time)
{
    public const int PageSize = 500;

    // tenant: whose per-tenant budget the call counts against; maxWait: see ConnectorLimits.WaitAsync.
    public async Task<string?> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken ct,
        string? tenant = null, TimeSpan? maxWait = null)
    {
        await limits.WaitAsync(ConnectorCall.Send, conversationId, ct, tenant, maxWait);
        var result = await CallAsync(HttpMethod.Post, Url(serviceUrl, Activities(conversationId)), activity, ct, paced: maxWait is not null);
        return result?["id"].Str();
    }

    public async Task<string?> ReplyAsync(string serviceUrl, string conversationId, string replyToId, JsonObject activity, CancellationToken ct)
    {
        await limits.WaitAsync(ConnectorCall.Send, conversationId, ct);
        var result = await CallAsync(HttpMethod.Post, Url(serviceUrl, Activity(conversationId, replyToId)), activity, ct);
        return result?["id"].Str();
    }

    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken ct,
        string? tenant = null, TimeSpan? maxWait = null)
    {
        await limits.WaitAsync(ConnectorCall.Send, conversationId, ct, tenant, maxWait);
        await CallAsync(HttpMethod.Put, Url(serviceUrl, Activity(conversationId, activityId)), activity, ct, paced: maxWait is not null);
    }

    // Proactive 1:1 (ConversationParameters): Teams needs the tenant, in channelData and at the top
    // level, and answers with the existing chat's id when the user already has one with the bot.
    public async Task<string> CreatePersonalConversationAsync(string serviceUrl, string tenantId, string userId, string botId, CancellationToken ct,
        TimeSpan? maxWait = null)
    {
        await limits.WaitAsync(ConnectorCall.Create, $"{tenantId}|{userId}", ct, tenantId, maxWait);
        var parameters = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = botId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
            ["tenantId"] = tenantId,
            ["isGroup"] = false,
        };
        var result = await CallAsync(HttpMethod.Post, Url(serviceUrl, "v3/conversations"), parameters, ct, paced: maxWait is not null);
        return result?["id"].Str() is { Length: > 0 } id
            ? id
            : throw new ConnectorException(HttpStatusCode.OK, null, "Create conversation answered without a conversation id", permanent: false);
    }

    // GET pagedmembers until there is no continuationToken (the old /members is throttled to 5/min).
    public async IAsyncEnumerable<TeamsMember> PagedMembersAsync(string serviceUrl, string conversationId, [EnumeratorCancellation] CancellationToken ct)
    {
        string? continuation = null;
        do
        {
            await limits.WaitAsync(ConnectorCall.Members, conversationId, ct);
            var query = $"?pageSize={PageSize}" + (continuation is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuation));
            var page = await CallAsync(HttpMethod.Get, Url(serviceUrl, $"v3/conversations/{Escape(conversationId)}/pagedmembers{query}"), null, ct);
            foreach (var node in page?["members"] as JsonArray ?? [])
                if (TeamsMember.From(node) is { } member) yield return member;
            var next = page?["continuationToken"].Str();
            // A server that hands back the token it was given would page forever.
            continuation = string.IsNullOrEmpty(next) || next == continuation ? null : next;
        }
        while (continuation is not null);
    }

    // Teams conversation ids carry ':', '@' and ';' ("19:…@thread.tacv2;messageid=…"): one path segment each.
    private static string Escape(string id) => Uri.EscapeDataString(id);
    private static string Activities(string conversationId) => $"v3/conversations/{Escape(conversationId)}/activities";
    private static string Activity(string conversationId, string activityId) => $"{Activities(conversationId)}/{Escape(activityId)}";

    // serviceUrl comes with or without a trailing '/' ("https://smba.trafficmanager.net/amer/").
    private static Uri Url(string serviceUrl, string relative)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var root) || root.Scheme is not ("https" or "http"))
            throw new ArgumentException("serviceUrl is not an absolute http(s) URL", nameof(serviceUrl));
        return new Uri(serviceUrl.TrimEnd('/') + "/" + relative);
    }

    // paced: the caller went through its rate budget with a maxWait (the outbox engine). A 429 then
    // goes back to it (ConnectorThrottledException) instead of being retried in-process: such a
    // retry would reach Teams outside the budget and could earn the next call its 429 too.
    private async Task<JsonNode?> CallAsync(HttpMethod method, Uri url, JsonObject? body, CancellationToken ct, bool paced = false)
    {
        var json = body?.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            if (paced) request.Options.Set(ConnectorErrors.Paced, true);
            var token = await tokens.GetTokenAsync(ct);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, ct);
            // A cached token the Connector no longer accepts (secret rotated): one more try with a fresh one.
            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && attempt == 0)
            {
                tokens.Invalidate(token);
                continue;
            }
            if (!response.IsSuccessStatusCode) throw await ConnectorErrors.FromResponseAsync(response, time.GetUtcNow(), ct);
            // 200 with a ResourceResponse, or 202/204 with nothing (the Agents Playground, deletes).
            return ConnectorErrors.Parse(await response.Content.ReadAsStringAsync(ct));
        }
    }
}
