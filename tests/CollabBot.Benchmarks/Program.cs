using BenchmarkDotNet.Running;
using CollabBot.Benchmarks;

// dotnet run -c Release --project tests/CollabBot.Benchmarks -- scoring [--teams 500,1000,2000] [--dir DIR]
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- micro
return args.FirstOrDefault() switch
{
    "scoring" => await ScoringJobBenchmark.RunAsync(
        Option("--teams", "500,1000,2000").Split(',').Select(int.Parse).ToArray(),
        Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench"))),
    "child-job" => await ScoringJobBenchmark.JobAsync(args[1]),
    "child-scan" => await ScoringJobBenchmark.ScanAsync(args[1]),
    "micro" => Micro(),
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
    Console.Error.WriteLine("usage: CollabBot.Benchmarks scoring [--teams 500,1000,2000] [--dir DIR] | micro");
    return 2;
}
