using CollabBot.Core.Storage;
using Hangfire;

namespace CollabBot.Host;

// /healthz: the process answers (liveness). /readyz: it can do its work — the database and,
// where jobs run, the job storage are reachable (readiness); 503 naming what is not.
internal static class Health
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(CollabDbContext db, IServiceProvider services, ILoggerFactory logs, CancellationToken ct)
    {
        var failed = new List<string>();
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) failed.Add("database");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed.Add("database");
        }
        if (services.GetService<JobStorage>() is { } jobs)
            try
            {
                using var connection = jobs.GetConnection();
                connection.GetAllItemsFromSet("recurring-jobs");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logs.CreateLogger("CollabBot.Health").JobStorageUnreachable(e);
                failed.Add("job storage");
            }
        return failed.Count == 0 ? Results.Text("ready") : Results.Text("not ready: " + string.Join(", ", failed), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
