namespace CollabBot.Host.Digest;

// Bot:PublicBaseUrl is where chat clients and browsers reach this host (Slack and Teams
// fetch the chart from there, so in production it is the public https address).
// Bot:LinkDays is how long a digest link works. Bot:LinkKey optionally pins the signing key.
internal sealed class DigestLinkOptions
{
    public const string DefaultBaseUrl = "http://127.0.0.1:3978";

    public string PublicBaseUrl { get; set; } = DefaultBaseUrl;
    public int LinkDays { get; set; } = 14;
    public string? LinkKey { get; set; }

    public string BaseUrl => PublicBaseUrl.TrimEnd('/');

    public static DigestLinkOptions From(IConfiguration config)
    {
        var o = config.GetSection("Bot").Get<DigestLinkOptions>() ?? new DigestLinkOptions();
        if (!Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
            throw new InvalidOperationException($"Bot:PublicBaseUrl must be an absolute http(s) URL without a query, not '{o.PublicBaseUrl}'.");
        if (o.LinkDays is < 1 or > 365) throw new InvalidOperationException("Bot:LinkDays must be between 1 and 365.");
        return o;
    }
}

// The two signed resources of a team-week. Signatures cover these canonical paths, so a
// link to the chart can never be turned into a link to the page, another week or another team.
internal static class DigestPaths
{
    public static string Page(long teamId, string week) => $"/digest/{teamId}/{week}";
    public static string Chart(long teamId, string week) => $"/digest/{teamId}/{week}/chart.png";
}
