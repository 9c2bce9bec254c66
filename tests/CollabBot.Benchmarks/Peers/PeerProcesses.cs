using System.Diagnostics;
using System.Globalization;

namespace CollabBot.Benchmarks.Peers;

// The peers run as Node processes from the benchmark's cache folder (tests/scripts/peer-bench.sh
// installs their packages there); CPU of any side comes from /proc/<pid>/stat.
internal static class PeerProcesses
{
    public static Process StartNode(string script, string nodeModules, int port, IReadOnlyDictionary<string, string> environment, string name)
    {
        var psi = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.Environment["NODE_PATH"] = nodeModules;
        psi.Environment["NODE_ENV"] = "production";
        psi.Environment["PEER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"{name}: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"{name}: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // utime + stime (fields 14 and 15, after the parenthesised name) in clock ticks; 100 a second
    // on Linux (USER_HZ), so 10 ms resolution, fine over a run of thousands of requests.
    public static TimeSpan Cpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
