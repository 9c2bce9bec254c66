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
        ("export", "export --team <id> --out FILE", "write a team's data in the collabbot-export/1 format"),
        ("score", "score --input FILE --week 2026-W47 [--as-of ISO-8601]", "print the digest snapshot JSON of an export file"),
        ("cards", "cards --out DIR", "write every card in every state as JSON under DIR (neutral, slack, teams)"),
        ("manifest", "manifest slack --base-url https://your.host --out FILE", "write the Slack app manifest with your public URL"),
        ("manifest", "manifest teams --app-id <guid> --base-url https://your.host --out FILE.zip", "write the Teams app package for your bot and host"),
    ];

    public static bool IsVerb(string[] args) => args.Length > 0 && (args[0] == "--help" || !args[0].StartsWith('-'));

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            // `manifest <platform> …` is the one verb with a positional word.
            var platform = args[0] == "manifest" && args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "";
            var cli = new CliArgs(platform.Length > 0 ? [args[0], .. args.Skip(2)] : args);
            return cli.Verb switch
            {
                "help" or "--help" => Help(Console.Out),
                "migrate" => await WithServices(cli, [], async sp => { await sp.MigrateAsync(); Console.WriteLine("Database is up to date."); return 0; }),
                "demo" => await WithServices(cli, [], sp => DemoVerb.RunAsync(sp, Console.Out)),
                "export" => await ExportAsync(cli),
                "score" => ScoreVerb.Run(cli, Console.Out),
                "cards" => CardsVerb.Run(cli, Console.Out),
                "manifest" => ManifestVerb.Run(cli, platform, Console.Out),
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

    private static async Task<int> WithServices(CliArgs cli, string[] allowed, Func<IServiceProvider, Task<int>> run)
    {
        cli.AllowOnly(allowed);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        builder.Services.AddCollabStorage(builder.Configuration);
        builder.Services.AddCollabCore();
        using var host = builder.Build();
        await host.Services.MigrateAsync();
        return await run(host.Services);
    }
}
