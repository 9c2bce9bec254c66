using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Teams.Wire;
using CollabBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Tests.Teams;

public sealed class ConnectorClientTests
{
    private const string Channel = "19:c0ffee@thread.tacv2;messageid=1759944781430";
    private const string Escaped = "19%3Ac0ffee%40thread.tacv2%3Bmessageid%3D1759944781430";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Message(string text) => new() { ["type"] = "message", ["text"] = text };

    [Fact]
    public async Task The_token_is_fetched_once_for_concurrent_callers_and_refreshed_five_minutes_before_expiry()
    {
        await using var fake = await FakeConnector.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-10-08T09:00:00Z", CultureInfo.InvariantCulture));
        await using var sp = ConnectorHost.Services(fake, time: time);
        var tokens = sp.GetRequiredService<BotTokens>();

        var first = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => tokens.GetTokenAsync(Ct).AsTask()));
        Assert.All(first, t => Assert.Equal("fake-bot-token-1", t));
        var form = Assert.Single(fake.TokenRequests);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(FakeConnector.AppId, form["client_id"]);
        Assert.Equal(FakeConnector.AppPassword, form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);

        var client = sp.GetRequiredService<ConnectorClient>();
        await client.SendAsync(fake.ServiceUrl, Channel, Message("one"), Ct);
        time.Advance(TimeSpan.FromMinutes(54));
        await client.SendAsync(fake.ServiceUrl, Channel, Message("two"), Ct);
        Assert.Single(fake.TokenRequests);
        time.Advance(TimeSpan.FromMinutes(1));
        await client.SendAsync(fake.ServiceUrl, Channel, Message("three"), Ct);
        Assert.Equal(2, fake.TokenRequests.Count);
        Assert.Equal(["Bearer fake-bot-token-1", "Bearer fake-bot-token-1", "Bearer fake-bot-token-2"], fake.Calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task Without_credentials_calls_go_out_without_an_authorization_header()
    {
        await using var fake = await FakeConnector.StartAsync(requireAuth: false);
        await using var sp = ConnectorHost.Services(fake, credentials: false);
        Assert.Null(await sp.GetRequiredService<BotTokens>().GetTokenAsync(Ct));
        await sp.GetRequiredService<ConnectorClient>().SendAsync(fake.ServiceUrl, "a:1playground", Message("hi"), Ct);
        Assert.Null(Assert.Single(fake.Calls).Authorization);
        Assert.Empty(fake.TokenRequests);
    }

    [Fact]
    public async Task A_rejected_token_is_dropped_and_the_call_repeated_once_with_a_fresh_one()
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var sp = ConnectorHost.Services(fake);
        fake.Next(401);
        Assert.NotNull(await sp.GetRequiredService<ConnectorClient>().SendAsync(fake.ServiceUrl, Channel, Message("hi"), Ct));
        Assert.Equal(["Bearer fake-bot-token-1", "Bearer fake-bot-token-2"], fake.Calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task A_wrong_secret_is_a_permanent_error()
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var sp = ConnectorHost.Services(fake, password: "wrong");
        var e = await Assert.ThrowsAsync<ConnectorException>(() => sp.GetRequiredService<ConnectorClient>().SendAsync(fake.ServiceUrl, Channel, Message("hi"), Ct));
        Assert.True(e.Permanent);
        Assert.Equal("invalid_client", e.Code);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task Each_call_uses_the_connector_verb_and_path_with_escaped_ids_and_swagger_shaped_bodies()
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var sp = ConnectorHost.Services(fake);
        var client = sp.GetRequiredService<ConnectorClient>();
        var noSlash = fake.ServiceUrl.TrimEnd('/');

        var sent = await client.SendAsync(fake.ServiceUrl, Channel, Message("hello"), Ct);
        var replied = await client.ReplyAsync(noSlash, Channel, "1759944781430", Message("reply"), Ct);
        await client.UpdateAsync(fake.ServiceUrl, Channel, sent!, Message("edited"), Ct);
        var chat = await client.CreatePersonalConversationAsync(fake.ServiceUrl, "tenant-1", "29:1ana", "28:bot-app-id", Ct);

        Assert.NotEqual(sent, replied);
        Assert.StartsWith("a:fake-1on1-", chat);
        var calls = fake.Calls.ToArray();
        Assert.Equal(
            [
                ("POST", $"/v3/conversations/{Escaped}/activities"),
                ("POST", $"/v3/conversations/{Escaped}/activities/1759944781430"),
                ("PUT", $"/v3/conversations/{Escaped}/activities/{sent}"),
                ("POST", "/v3/conversations"),
            ],
            calls.Select(c => (c.Method, c.RawTarget)));
        Assert.Equal($"/v3/conversations/{Channel}/activities", calls[0].Path);
        Assert.True(JsonNode.DeepEquals(Message("hello"), calls[0].Json));
        Assert.True(JsonNode.DeepEquals(Message("edited"), calls[2].Json));
        var expected = JsonNode.Parse("""
            {"bot":{"id":"28:bot-app-id"},"members":[{"id":"29:1ana"}],"channelData":{"tenant":{"id":"tenant-1"}},"tenantId":"tenant-1","isGroup":false}
            """);
        Assert.True(JsonNode.DeepEquals(expected, calls[3].Json), calls[3].Body);
    }

    [Fact]
    public async Task Paged_members_follows_the_continuation_token_to_the_end()
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var sp = ConnectorHost.Services(fake);
        var members = await sp.GetRequiredService<ConnectorClient>().PagedMembersAsync(fake.ServiceUrl, Channel, Ct).ToListAsync(Ct);

        Assert.Equal(fake.Members, members);
        Assert.Equal(
            [$"/v3/conversations/{Escaped}/pagedmembers?pageSize=500", $"/v3/conversations/{Escaped}/pagedmembers?pageSize=500&continuationToken=page%2F%2B2%3D%3D"],
            fake.Calls.Select(c => c.RawTarget));
        Assert.All(fake.Calls, c => Assert.Equal("GET", c.Method));
    }

    [Fact]
    public async Task A_429_waits_out_its_retry_after_and_502_412_504_are_retried()
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var sp = ConnectorHost.Services(fake);
        var client = sp.GetRequiredService<ConnectorClient>();

        fake.Next(429, retryAfterSeconds: 1);
        var started = DateTime.UtcNow;
        Assert.NotNull(await client.SendAsync(fake.ServiceUrl, Channel, Message("hi"), Ct));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the retry honoured Retry-After");
        Assert.Equal(2, fake.Calls.Count);

        fake.Next(502);
        fake.Next(412);
        fake.Next(504);
        Assert.NotNull(await client.SendAsync(fake.ServiceUrl, Channel, Message("again"), Ct));
        Assert.Equal(6, fake.Calls.Count);
        Assert.All(fake.Calls.Skip(2), c => Assert.Equal("again", c.Json["text"]!.GetValue<string>()));

        fake.Next(503, times: 4);
        var e = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(fake.ServiceUrl, Channel, Message("down"), Ct));
        Assert.False(e.Permanent);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
        Assert.Equal(10, fake.Calls.Count);
    }

    [Theory]
    [InlineData(404, "ConversationNotFound")]
    [InlineData(403, "BotNotInConversationRoster")]
    [InlineData(403, "ConversationBlockedByUser")]
    [InlineData(400, "BadArgument")]
    public async Task A_closed_conversation_is_a_permanent_error_without_retries(int status, string code)
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var sp = ConnectorHost.Services(fake);
        fake.Next(status, code);
        var e = await Assert.ThrowsAsync<ConnectorException>(() =>
            sp.GetRequiredService<ConnectorClient>().SendAsync(fake.ServiceUrl, Channel, Message("hi"), Ct));
        Assert.True(e.Permanent);
        Assert.Equal((HttpStatusCode)status, e.Status);
        Assert.Equal(code, e.Code);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_429_that_persists_or_asks_for_long_becomes_a_throttled_exception()
    {
        await using var fake = await FakeConnector.StartAsync();
        await using var sp = ConnectorHost.Services(fake);
        var client = sp.GetRequiredService<ConnectorClient>();

        fake.Next(429, times: 10);
        var e = await Assert.ThrowsAsync<ConnectorThrottledException>(() => client.SendAsync(fake.ServiceUrl, Channel, Message("hi"), Ct));
        Assert.Equal(4, fake.Calls.Count);
        Assert.True(e.RetryAfter > TimeSpan.Zero);

        fake.ClearScript();
        fake.Next(429, retryAfterSeconds: 30);
        e = await Assert.ThrowsAsync<ConnectorThrottledException>(() => client.SendAsync(fake.ServiceUrl, Channel, Message("hi"), Ct));
        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
        Assert.Equal(5, fake.Calls.Count);
    }
}
