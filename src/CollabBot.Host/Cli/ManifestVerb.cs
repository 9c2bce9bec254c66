namespace CollabBot.Host.Cli;

// `manifest slack --base-url https://your.host --out FILE`: the app manifest with this
// deployment's public URLs in place of the placeholder.
internal static class ManifestVerb
{
    public const string Placeholder = "https://collabbot.example.com";

    public static int Run(CliArgs cli, string platform, TextWriter output)
    {
        if (platform != "slack") throw new UsageException(platform.Length == 0 ? "name the platform: manifest slack …" : $"unknown platform '{platform}': use slack");
        cli.AllowOnly("base-url", "out");
        var baseUrl = cli.Required("base-url").TrimEnd('/');
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme != "https" || uri.Query.Length > 0)
            throw new UsageException($"--base-url '{baseUrl}' must be an https URL such as https://collabbot.example.org (Slack calls it over TLS)");
        var outPath = cli.Required("out");
        File.WriteAllText(outPath, Read("manifests/slack/manifest.json").Replace(Placeholder, baseUrl, StringComparison.Ordinal));
        output.WriteLine($"Wrote the Slack app manifest for {baseUrl} to {outPath}. Create the app from it at api.slack.com/apps.");
        return 0;
    }

    public static string Read(string name)
    {
        using var stream = typeof(ManifestVerb).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded");
        return new StreamReader(stream).ReadToEnd();
    }
}
