using BenchmarkDotNet.Running;
using CollabBot.Benchmarks;
using CollabBot.Benchmarks.Fanout;

// dotnet run -c Release --project tests/CollabBot.Benchmarks -- scoring [--teams 500,1000,2000] [--dir DIR]
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- micro
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- slack-load [--rate 1000] [--seconds 10] [--concurrency 64] [--kinds trivial,command,answer]
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- fanout [--platform slack|teams|both] [--members 10000] [--channels 200] [--workspaces 10] [--tenants 2]
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- teams-load [--rate 1000] [--message-rate 14] [--seconds 10] [--concurrency 64] [--kinds trivial,message,invoke] [--verb home.open]
return args.FirstOrDefault() switch
{
    "scoring" => await ScoringJobBenchmark.RunAsync(
        Option("--teams", "500,1000,2000").Split(',').Select(int.Parse).ToArray(),
        Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench"))),
    "child-job" => await ScoringJobBenchmark.JobAsync(args[1]),
    "child-scan" => await ScoringJobBenchmark.ScanAsync(args[1]),
    "micro" => Micro(),
    "slack-load" => await SlackLoad.RunAsync(int.Parse(Option("--rate", "1000")), int.Parse(Option("--seconds", "10")),
        int.Parse(Option("--concurrency", "64")), Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench")), Option("--synchronous", "FULL"),
        Option("--kinds", "trivial,command,answer").Split(',')),
    "teams-load" => await TeamsLoad.RunAsync(int.Parse(Option("--rate", "1000")), int.Parse(Option("--message-rate", "14")), int.Parse(Option("--seconds", "10")),
        int.Parse(Option("--concurrency", "64")), Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench")),
        Option("--kinds", "trivial,message,invoke").Split(','), Option("--verb", "home.open")),
    "fanout" => await Fanout.RunAsync(Option("--platform", "both"), int.Parse(Option("--members", "10000")), int.Parse(Option("--channels", "200")),
        int.Parse(Option("--workspaces", "10")), int.Parse(Option("--tenants", "2")), Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench")),
        Option("--synchronous", "FULL")),
    _ => Usage(),
};

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static int Micro()
{
    BenchmarkRunner.Run<ScorerBenchmarks>();
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: CollabBot.Benchmarks scoring [--teams 500,1000,2000] [--dir DIR] | micro | slack-load [--rate N] [--seconds N] [--concurrency N] [--kinds trivial,command,answer] "
        + "| teams-load [--rate N] [--message-rate N] [--seconds N] [--concurrency N] [--kinds trivial,message,invoke] [--verb ID] "
        + "| fanout [--platform slack|teams|both] [--members N] [--channels N] [--workspaces N] [--tenants N] [--synchronous FULL|NORMAL]");
    return 2;
}
