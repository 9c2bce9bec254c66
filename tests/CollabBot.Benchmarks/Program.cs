using System.Globalization;
using BenchmarkDotNet.Running;
using CollabBot.Benchmarks;
using CollabBot.Benchmarks.Fanout;

// dotnet run -c Release --project tests/CollabBot.Benchmarks -- scoring [--teams 500,1000,2000] [--dir DIR]
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- micro
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- slack-load [--rate 1000] [--seconds 10] [--concurrency 64] [--kinds trivial,command,answer]
// tests/scripts/crash-fanout.sh  (crash-fanout --host-dll PATH [--teams 3] [--members 30] [--dir DIR])
// tests/scripts/two-instances.sh (two-instances --host-dll PATH --postgres "Host=…;Port=…;Username=…" [--dir DIR])
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- soak [--rate 300] [--seconds 600]   (tests/scripts/soak.sh)
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- fuzz [--seconds 60] [--seed 1]     (tests/scripts/fuzz.sh)
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- teams-load [--rate 1000] [--message-rate = rate] [--seconds 10] [--concurrency 64] [--kinds trivial,message,invoke,answer] [--verb home.open] [--synchronous FULL|NORMAL]
// tests/scripts/peer-bench.sh   (peers --node-modules DIR [--rounds 3] [--seconds 8] [--warmup 5] [--connections 32] [--platforms slack,teams,answer])
// dotnet run -c Release --project tests/CollabBot.Benchmarks -- fanout [--platform slack|teams|both] [--members 10000] [--channels 200] [--workspaces 10] [--tenants 2]
return args.FirstOrDefault() switch
{
    "scoring" => await ScoringJobBenchmark.RunAsync(
        Option("--teams", "500,1000,2000").Split(',').Select(int.Parse).ToArray(),
        Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench"))),
    "child-job" => await ScoringJobBenchmark.JobAsync(args[1]),
    "child-scan" => await ScoringJobBenchmark.ScanAsync(args[1]),
    "micro" => Micro(),
    "slack-load" => await SlackLoad.RunAsync(int.Parse(Option("--rate", "1000"), CultureInfo.InvariantCulture), int.Parse(Option("--seconds", "10"), CultureInfo.InvariantCulture),
        int.Parse(Option("--concurrency", "64"), CultureInfo.InvariantCulture), Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench")), Option("--synchronous", "FULL"),
        Option("--kinds", "trivial,command,answer").Split(',')),
    "teams-load" => await TeamsLoad.RunAsync(int.Parse(Option("--rate", "1000"), CultureInfo.InvariantCulture), int.Parse(Option("--message-rate", Option("--rate", "1000")), CultureInfo.InvariantCulture), int.Parse(Option("--seconds", "10"), CultureInfo.InvariantCulture),
        int.Parse(Option("--concurrency", "64"), CultureInfo.InvariantCulture), Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench")),
        Option("--kinds", "trivial,message,invoke").Split(','), Option("--verb", "home.open"), Option("--synchronous", "FULL")),
    "crash-fanout" => await CrashFanout.RunAsync(Option("--host-dll", ""), int.Parse(Option("--teams", "3"), CultureInfo.InvariantCulture), int.Parse(Option("--members", "30"), CultureInfo.InvariantCulture),
        Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-crash"))),
    "two-instances" => await TwoInstances.RunAsync(Option("--host-dll", ""), Option("--postgres", ""),
        Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-two"))),
    "soak" => await Soak.RunAsync(int.Parse(Option("--rate", "300"), CultureInfo.InvariantCulture), int.Parse(Option("--seconds", "600"), CultureInfo.InvariantCulture),
        Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench"))),
    "fuzz" => await HostFuzz.RunAsync(int.Parse(Option("--seconds", "60"), CultureInfo.InvariantCulture), int.Parse(Option("--seed", "1"), CultureInfo.InvariantCulture),
        Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench"))),
    "fanout" => await Fanout.RunAsync(Option("--platform", "both"), int.Parse(Option("--members", "10000"), CultureInfo.InvariantCulture), int.Parse(Option("--channels", "200"), CultureInfo.InvariantCulture),
        int.Parse(Option("--workspaces", "10"), CultureInfo.InvariantCulture), int.Parse(Option("--tenants", "2"), CultureInfo.InvariantCulture), Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-bench")),
        Option("--synchronous", "FULL")),
    "peers" => await CollabBot.Benchmarks.Peers.PeerBench.RunAsync(Option("--peers", "tests/scripts/peers"), Option("--node-modules", ""),
        int.Parse(Option("--rounds", "3"), CultureInfo.InvariantCulture), int.Parse(Option("--seconds", "8"), CultureInfo.InvariantCulture), int.Parse(Option("--warmup", "5"), CultureInfo.InvariantCulture), int.Parse(Option("--connections", "32"), CultureInfo.InvariantCulture),
        Option("--dir", Path.Combine(Path.GetTempPath(), "collabbot-peers")), Option("--platforms", "slack,teams,answer").Split(',')),
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
        + "| teams-load [--rate N] [--message-rate N] [--seconds N] [--concurrency N] [--kinds trivial,message,invoke,answer] [--verb ID] [--synchronous FULL|NORMAL] "
        + "| crash-fanout --host-dll PATH [--teams N] [--members N] [--dir DIR] | two-instances --host-dll PATH --postgres CONNECTION [--dir DIR] "
        + "| soak [--rate N] [--seconds N] | fuzz [--seconds N] [--seed N] "
        + "| peers --node-modules DIR [--rounds N] [--seconds N] [--warmup N] [--connections N] [--platforms slack,teams,answer] "
        + "| fanout [--platform slack|teams|both] [--members N] [--channels N] [--workspaces N] [--tenants N] [--synchronous FULL|NORMAL]");
    return 2;
}
