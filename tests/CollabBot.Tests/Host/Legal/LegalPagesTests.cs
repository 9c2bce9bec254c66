using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Host.Cli;
using CollabBot.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CollabBot.Tests.Host.Legal;

// /privacy and /terms, which the Teams app manifest links to, through the real pipeline.
public sealed class LegalPagesTests
{
    private static async Task<(HttpResponseMessage Response, string Html)> GetAsync(HttpClient client, string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_teams_manifest_privacy_and_terms_urls_are_served()
    {
        using var factory = new CollabBotFactory();
        using var client = factory.CreateClient();
        var developer = JsonNode.Parse(ManifestVerb.Read("manifests/teams/manifest.json"))!["developer"]!;
        foreach (var key in new[] { "privacyUrl", "termsOfUseUrl" })
        {
            var url = new Uri(developer[key]!.GetValue<string>());
            Assert.Equal(ManifestVerb.PlaceholderHost, url.Host);   // the manifest verb puts the host's own address there
            var (response, html) = await GetAsync(client, url.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("<!doctype html>", html);
            Assert.Contains("<html lang=\"en\">", html);
        }
    }

    [Fact]
    public async Task Privacy_states_the_hosts_own_retention_and_operator_in_english()
    {
        using var factory = new CollabBotFactory().WithWebHostBuilder(b =>
        {
            b.UseSetting("Retention:PulseAnswerDays", "90");
            b.UseSetting("Retention:OutboxDays", "7");
            b.UseSetting("Legal:Operator", "Contoso Sales Ops");
            b.UseSetting("Legal:Contact", "privacy@contoso.example");
        });
        using var client = factory.CreateClient();
        var (response, html) = await GetAsync(client, "/privacy", "en-GB,en;q=0.8");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", response.Content.Headers.ContentLanguage.Single());
        Assert.Contains("run by Contoso Sales Ops", html);
        Assert.Contains("deleted 90 days after their round closed", html);
        Assert.Contains("deleted 7 days after sending", html);
        Assert.Contains("The CRM log: 30 days.", html);
        Assert.Contains("for 15 minutes", html);
        Assert.Contains("5 unless changed, never below 3", html);
        Assert.Contains("<code>export me</code>", html);
        Assert.Contains("<code>forget me</code>", html);
        Assert.Contains("<a href=\"mailto:privacy@contoso.example\">privacy@contoso.example</a>", html);
        Assert.Contains("href=\"/privacy?lang=zh-Hans\"", html);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task Both_pages_speak_chinese_by_accept_language_or_by_lang_and_lang_wins()
    {
        using var factory = new CollabBotFactory();
        using var client = factory.CreateClient();
        var (privacy, html) = await GetAsync(client, "/privacy", "zh-CN,zh;q=0.9,en;q=0.8");
        Assert.Equal("zh-Hans", privacy.Content.Headers.ContentLanguage.Single());
        Assert.Contains("<html lang=\"zh-Hans\">", html);
        Assert.Contains("CollabBot 隐私说明", html);
        Assert.Contains("在所属轮次关闭 400 天后删除", html);
        Assert.Contains("此 CollabBot 服务器的运营方", html);
        Assert.DoesNotContain("What is stored", html);

        var (_, terms) = await GetAsync(client, "/terms?lang=zh-Hans", "en-US");
        Assert.Contains("CollabBot 使用条款", terms);
        var (_, english) = await GetAsync(client, "/terms?lang=en", "zh-CN");
        Assert.Contains("CollabBot terms of use", english);
        Assert.Contains("CollabBot admin, who can reach the people running the server", english);
        var (_, weighted) = await GetAsync(client, "/terms", "fr;q=1, en;q=0.5, zh;q=0.9");
        Assert.Contains("<html lang=\"zh-Hans\">", weighted);
    }
}
