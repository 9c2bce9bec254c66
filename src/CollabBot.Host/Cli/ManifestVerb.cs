using System.IO.Compression;
using System.Text;

namespace CollabBot.Host.Cli;

// `manifest slack --base-url https://your.host --out FILE`: the Slack app manifest with this
// deployment's public URLs in place of the placeholder. `manifest teams --app-id <guid>
// --base-url https://your.host --out FILE.zip`: the Teams app package to upload (manifest,
// icons and the Chinese strings at the zip's root), with the bot's app id and host filled in.
internal static class ManifestVerb
{
    public const string Placeholder = "https://collabbot.example.com";
    public const string PlaceholderHost = "collabbot.example.com";
    public const string PlaceholderAppId = "00000000-0000-0000-0000-000000000000";

    public static readonly IReadOnlyList<string> TeamsPackage = ["manifest.json", "color.png", "outline.png", "zh-Hans.json"];

    public static int Run(CliArgs cli, string platform, TextWriter output) => platform switch
    {
        "slack" => Slack(cli, output),
        "teams" => Teams(cli, output),
        "" => throw new UsageException("name the platform: manifest slack … or manifest teams …"),
        _ => throw new UsageException($"unknown platform '{platform}': use slack or teams"),
    };

    private static int Slack(CliArgs cli, TextWriter output)
    {
        cli.AllowOnly("base-url", "out");
        var baseUrl = BaseUrl(cli, "Slack calls it over TLS");
        var outPath = cli.Required("out");
        File.WriteAllText(outPath, Read("manifests/slack/manifest.json").Replace(Placeholder, baseUrl, StringComparison.Ordinal));
        output.WriteLine($"Wrote the Slack app manifest for {baseUrl} to {outPath}. Create the app from it at api.slack.com/apps.");
        return 0;
    }

    private static int Teams(CliArgs cli, TextWriter output)
    {
        cli.AllowOnly("app-id", "base-url", "out");
        var id = cli.Required("app-id");
        if (!Guid.TryParse(id, out var appId) || appId == Guid.Empty)
            throw new UsageException($"--app-id '{id}' must be the bot's Microsoft App ID, a GUID such as 6f1c2a4e-93b0-4d7a-8c55-2e0f9b7d1a36");
        var baseUrl = BaseUrl(cli, "Teams accepts only https");
        var outPath = cli.Required("out");
        // URLs first, so the bare host left over is the one in validDomains.
        var manifest = Read("manifests/teams/manifest.json")
            .Replace(Placeholder, baseUrl, StringComparison.Ordinal)
            .Replace(PlaceholderHost, new Uri(baseUrl).Authority, StringComparison.Ordinal)
            .Replace(PlaceholderAppId, appId.ToString("D"), StringComparison.Ordinal);
        using (var zip = new ZipArchive(File.Create(outPath), ZipArchiveMode.Create))
            foreach (var name in TeamsPackage)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                if (name == "manifest.json") entry.Write(new UTF8Encoding(false).GetBytes(manifest));
                else ResourceStream("manifests/teams/" + name).CopyTo(entry);
            }
        output.WriteLine($"Wrote the Teams app package for {baseUrl} (bot {appId:D}) to {outPath}. Upload it in Teams under Apps → Manage your apps → Upload an app.");
        return 0;
    }

    private static string BaseUrl(CliArgs cli, string why)
    {
        var baseUrl = cli.Required("base-url").TrimEnd('/');
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme != "https" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new UsageException($"--base-url '{baseUrl}' must be an https URL such as https://collabbot.example.org ({why})");
        return baseUrl;
    }

    public static string Read(string name) => new StreamReader(ResourceStream(name)).ReadToEnd();

    private static Stream ResourceStream(string name) =>
        typeof(ManifestVerb).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded");
}
