using System.Diagnostics;

namespace CollabBot.Benchmarks;

// The real host as its own process (the built CollabBot.Host.dll), its output in a log file.
// KillHard is SIGKILL on Linux: no shutdown hooks, no flushing, like a machine losing power
// from the process's point of view.
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public string Name { get; }
    public string Url { get; }
    public string LogPath { get; }
    public int Pid => _process.Id;
    public bool Exited => _process.HasExited;

    private HostProcess(Process process, string name, string url, string logPath, StreamWriter log) =>
        (_process, Name, Url, LogPath, _log) = (process, name, url, logPath, log);

    public static HostProcess Start(string dll, string name, int port, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = logDirectory
        };
        psi.ArgumentList.Add(Path.GetFullPath(dll));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(url);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        var logPath = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the host");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostProcess(process, name, url, logPath, log);
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}; see {LogPath}");
            try
            {
                if ((await http.GetAsync(Url + "/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not ready after {timeout.TotalSeconds} s; see {LogPath}");
    }

    public void KillHard()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public string Tail(int lines = 30) => string.Join("\n", File.ReadLines(LogPath).TakeLast(lines));

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
