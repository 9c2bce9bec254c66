using System.Diagnostics;
using CollabBot.Core;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using CollabBot.Host.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Benchmarks;

internal static class SlackLoadSetup
{
    public const string SigningSecret = "load-test-signing-secret";
    public static readonly string PseudonymKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

    // One installed Slack workspace: 500 team channels of 40 members, each with an open pulse.
    public static async Task<(long Round, long Team)[]> SeedAsync(string db, int teams, int size)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={db}",
            ["Storage:DataDirectory"] = Path.GetDirectoryName(db),
            ["Privacy:PseudonymKey"] = PseudonymKey,
        }).Build();
        await using var services = new ServiceCollection().AddCollabStorage(config).AddCollabCore().BuildServiceProvider();
        await services.MigrateAsync();
        await using var scope = services.CreateAsyncScope();
        var ctx = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var now = DateTimeOffset.UtcNow;
        var ws = new Workspace { Platform = Platform.Slack, ExternalId = "TLOAD", Name = "Load", CreatedAt = now };
        ctx.Add(ws);
        await ctx.SaveChangesAsync();
        ctx.ForWorkspace(ws.Id);
        ctx.Add(new Installation { WorkspaceId = ws.Id, Platform = Platform.Slack, InstalledBy = "U0000000", InstalledAt = now });
        var teamRows = Enumerable.Range(0, teams).Select(t => new Team { WorkspaceId = ws.Id, Name = $"Team {t}", ChannelId = $"C{t:D4}", CreatedAt = now }).ToList();
        ctx.AddRange(teamRows);
        await ctx.SaveChangesAsync();
        var members = teamRows.SelectMany((team, t) => Enumerable.Range(0, size).Select(m => new Member
        { WorkspaceId = ws.Id, TeamId = team.Id, PlatformUserId = $"U{t:D4}{m:D3}", DisplayName = $"Rep {t}-{m}", JoinedAt = now.AddDays(-30) })).ToList();
        ctx.AddRange(members);
        await ctx.SaveChangesAsync();
        return await LoadRounds.OpenAsync(ctx, ws, teamRows, members, now);
    }

    // The host as it runs in production: Release build, its own process, logging at Warning.
    // `environment` adds to (or overrides) the settings below, e.g. the Teams section.
    public static Process StartHost(string db, string dir, int port, string synchronous, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CollabBot.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run from the repository");
        // COLLABBOT_BENCH_HOST_DLL runs another build (e.g. a copy of the last commit's) for an A/B run.
        var dll = Environment.GetEnvironmentVariable("COLLABBOT_BENCH_HOST_DLL") is { Length: > 0 } other ? other
            : Path.Combine(root, "src", "CollabBot.Host", "bin", "Release", "net10.0", "CollabBot.Host.dll");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Storage__ConnectionString"] = $"Data Source={db}";
        psi.Environment["Storage__DataDirectory"] = dir;
        psi.Environment["Storage__SqliteSynchronous"] = synchronous;
        psi.Environment["Privacy__PseudonymKey"] = PseudonymKey;
        psi.Environment["Slack__SigningSecret"] = SigningSecret;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        // The workspace has no bot token here, so delivery could only fail; this measures acks.
        psi.Environment["Delivery__Enabled"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        // COLLABBOT_BENCH_HOST_ENV="DOTNET_gcServer=0;DOTNET_TieredPGO=0": runtime settings tried on the host alone.
        foreach (var pair in (Environment.GetEnvironmentVariable("COLLABBOT_BENCH_HOST_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            psi.Environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("host: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("host: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
