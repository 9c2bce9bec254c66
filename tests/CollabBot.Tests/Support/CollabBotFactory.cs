using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace CollabBot.Tests.Support;

// The real host through the real ASP.NET Core pipeline, on its own SQLite file.
internal sealed class CollabBotFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "collabbot-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Delivery:Enabled", "false");
        // Hangfire's logger and job activator are process-wide: a host under test would leave them tied to itself.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(DataDirectory, "collabbot.db")};Pooling=False");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
