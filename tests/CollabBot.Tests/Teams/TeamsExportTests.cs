using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Storage;
using CollabBot.Host.Digest;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Teams;

// `export me` in Teams: a bot cannot attach a file there, so the person gets, in their 1:1
// chat, a card with a short-lived signed link; the file is made when the link is opened.
public sealed class TeamsExportTests
{
    private static async Task<(JsonObject Card, string RawTarget)> ExportAsync(TeamsHost host, string user, string locale = "en-US")
    {
        var before = host.Sent().Count;
        var command = host.Command(user, "export me");
        command["locale"] = locale;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(command)).StatusCode);
        var sent = Assert.Single(host.Sent().Skip(before));
        var card = sent.Json["attachments"]![0]!["content"]!.AsObject();
        return (card, sent.RawTarget);
    }

    private static string DownloadUrl(JsonObject card) =>
        card["actions"]!.AsArray().Concat(card["body"]!.AsArray().SelectMany(b => b?["actions"]?.AsArray() ?? []))
            .Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!["url"]!.GetValue<string>();

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task Export_me_sends_a_private_download_link_that_serves_only_that_persons_data_as_a_json_file()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        await host.PostAsync(host.Command("29:1ana", "goal add Ana pipeline target 100"));
        await host.PostAsync(host.Command("29:1ben", "goal add Ben pipeline target 50"));

        var (card, target) = await ExportAsync(host, "29:1ana");
        Assert.DoesNotContain(Uri.EscapeDataString(TeamsHost.Channel), target);   // never in the channel
        Assert.Contains("15 minutes", card.ToJsonString());
        Assert.DoesNotContain("collabbot-my-data/", card.ToJsonString());          // a link, not the data
        var url = DownloadUrl(card);
        Assert.Matches(@"/export/\d+\?exp=\d+&sig=[A-Za-z0-9_-]{43}$", url);

        var file = await host.Client.GetAsync(PathOf(url), ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/json", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("collabbot-my-data-", file.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal("no-store", file.Headers.CacheControl!.ToString());
        var json = JsonNode.Parse(await file.Content.ReadAsStringAsync(ct))!;
        Assert.Equal("collabbot-my-data/2", json["format"]!.GetValue<string>());
        Assert.Equal("Ana pipeline", Assert.Single(json["goals"]!.AsArray())!["title"]!.GetValue<string>());
        Assert.DoesNotContain("Ben pipeline", json.ToJsonString());
    }

    [Fact]
    public async Task A_tampered_moved_or_expired_link_opens_nothing_and_an_erased_persons_link_dies_with_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        var url = DownloadUrl((await ExportAsync(host, "29:1ana")).Card);
        var path = PathOf(url);
        var ben = await TeamsEndpointTests.QueryAsync(host, db => db.Unscoped<Member>().Where(m => m.PlatformUserId == "29:1ben").Select(m => m.Id).SingleAsync());
        var ana = long.Parse(path.Split('/', '?')[2], CultureInfo.InvariantCulture);

        var signer = host.Services.GetRequiredService<LinkSigner>();
        var expired = $"/export/{ana}" + signer.Query($"/export/{ana}", DateTimeOffset.UtcNow.AddMinutes(-1));
        foreach (var bad in new[]
        {
            path.Replace($"/export/{ana}?", $"/export/{ben}?"),               // Ana's signature on Ben's row
            path[..^2] + (path[^2..] == "AA" ? "AB" : "AA"),                  // tampered signature
            $"/export/{ana}", expired, path + "&sig=x",
        })
        {
            var refused = await host.Client.GetAsync(bad, ct);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("collabbot-my-data", await refused.Content.ReadAsStringAsync(ct));
        }

        // After `forget me` (confirmed), the same link serves nothing.
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(path, ct)).StatusCode);
        await host.PostAsync(host.Invoke("29:1ana", "adaptiveCard/action", new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "privacy.forget", ["data"] = new JsonObject() },
        }, "personal"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(path, ct)).StatusCode);
    }

    [Fact]
    public async Task A_chinese_member_gets_the_link_card_in_chinese()
    {
        await using var host = await TeamsHost.StartAsync();
        await TeamsEndpointTests.InstallAsync(host);
        var (card, _) = await ExportAsync(host, "29:1li", "zh-CN");
        var text = card.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("15 分钟内有效", text);
        Assert.Contains("下载（JSON）", text);
    }
}
