using CollabBot.Host.Digest;
using CollabBot.Host.Storage;

namespace CollabBot.Host.Cli;

// `dotnet run --project src/CollabBot.Host -- <verb>`. Bad input prints usage and exits 2;
// no verb ever shows a stack trace for a user's mistake.
internal static class CliVerbs
{
    private static readonly (string Verb, string Usage, string Summary)[] Verbs =
    [
        ("help", "help", "list the verbs"),
        ("migrate", "migrate", "create or upgrade the database (the configured provider)"),
        ("demo", "demo", "seed the demo sales team (idempotent) and print its latest digest"),
        ("teams", "teams", "list the teams with their ids (t1, t2, …), platform, workspace and members"),
        ("export", "export --team <id> --out FILE", "write a team's data in the collabbot-export/1 format"),
        ("score", "score --input FILE --week 2026-W47 [--as-of ISO-8601]", "print the digest snapshot JSON of an export file"),
        ("cards", "cards --out DIR", "write every card in every state as JSON under DIR (neutral, slack, teams)"),
        ("manifest", "manifest slack --base-url https://your.host --out FILE", "write the Slack app manifest with your public URL"),
        ("manifest", "manifest teams --app-id <guid> --base-url https://your.host --out FILE.zip", "write the Teams app package for your bot and host"),
        ("link", "link digest --team <id> --week 2026-W47 [--expires ISO-8601]", "print a signed link to a stored digest's page (and its chart)"),
    ];

    public static bool IsVerb(string[] args) => args.Length > 0 && (args[0] == "--help" || !args[0].StartsWith('-'));

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            // `manifest <platform> …` and `link <what> …` are the verbs with a positional word.
            var platform = args[0] is "manifest" or "link" && args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "";
            var cli = new CliArgs(platform.Length > 0 ? [args[0], .. args.Skip(2)] : args);
            return cli.Verb switch
            {
                "help" or "--help" => Help(Console.Out),
                "migrate" => await WithServices(cli, [], async sp => { await sp.MigrateAsync(); Console.WriteLine("Database is up to date."); return 0; }),
                "demo" => await WithServices(cli, [], sp => DemoVerb.RunAsync(sp, Console.Out)),
                "teams" => await WithServices(cli, [], sp => TeamsVerb.RunAsync(sp, Console.Out)),
                "export" => await ExportAsync(cli),
                "score" => ScoreVerb.Run(cli, Console.Out),
                "cards" => CardsVerb.Run(cli, Console.Out),
                "manifest" => ManifestVerb.Run(cli, platform, Console.Out),
                "link" => await LinkAsync(cli, platform),
                _ => throw new UsageException($"unknown verb '{cli.Verb}'"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            var usages = Verbs.Where(v => v.Verb == args[0]).Select(v => v.Usage).ToList();
            foreach (var usage in usages) Console.Error.WriteLine($"usage: {usage}");
            if (usages.Count == 0) Help(Console.Error);
            return 2;
        }
    }

    // Arguments are checked before any service starts, so a typo never touches the database.
    private static Task<int> ExportAsync(CliArgs cli)
    {
        cli.AllowOnly("team", "out");
        var (team, output) = (cli.Required("team"), cli.Required("out"));
        return WithServices(cli, ["team", "out"], sp => ExportVerb.RunAsync(sp, team, output, Console.Out));
    }

    private static Task<int> LinkAsync(CliArgs cli, string what)
    {
        var request = LinkVerb.Parse(cli, what);
        return WithServices(cli, ["team", "week", "expires"], sp => LinkVerb.RunAsync(sp, request, Console.Out), links: true);
    }

    private static int Help(TextWriter w)
    {
        w.WriteLine("CollabBot host. Without a verb it runs the bot; with one it does a single job and exits.");
        w.WriteLine("usage: dotnet run --project src/CollabBot.Host -- <verb> [options]");
        foreach (var (_, usage, summary) in Verbs)
        {
            // A usage too long for the column gets a line of its own.
            if (usage.Length > 58) w.WriteLine($"  {usage}");
            w.WriteLine($"  {(usage.Length > 58 ? "" : usage),-58} {summary}");
        }
        return 0;
    }

    // links: the verb signs digest links, so it needs the host's Data Protection keys and link settings.
    private static async Task<int> WithServices(CliArgs cli, string[] allowed, Func<IServiceProvider, Task<int>> run, bool links = false)
    {
        cli.AllowOnly(allowed);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        // Log lines go to stderr, so a verb's stdout (a link, a digest) can be piped as it is.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddCollabStorage(builder.Configuration);
        builder.Services.AddCollabCore();
        if (links) builder.Services.AddCollabDataProtection(builder.Configuration).AddDigestLinks(builder.Configuration);
        using var host = builder.Build();
        await host.Services.MigrateAsync();
        return await run(host.Services);
    }
}
