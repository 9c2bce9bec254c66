namespace CollabBot.Host.Jobs;

// In front of Hangfire's dashboard. The dashboard parses what it is sent without checking it:
// a job id that is not a number (/hangfire/jobs/details/abc) throws FormatException in the
// SQLite storage, and a command POSTed without a form content type throws
// InvalidOperationException while reading the form — each a 500 (found by tests/scripts/fuzz.sh).
// So: only GET, HEAD and POST; a POST must carry a form; and a parse failure inside the
// dashboard is the caller's bad input, answered 400.
internal static class DashboardGuard
{
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsPost(request.Method)))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "GET, HEAD, POST";
            return;
        }
        if (HttpMethods.IsPost(request.Method) && !request.HasFormContentType)
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        try
        {
            await next(http);
        }
        catch (Exception e) when (!http.Response.HasStarted && (e is FormatException or OverflowException or InvalidDataException || NoForm(request, e)))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CollabBot.Jobs.Dashboard")
                .DashboardRefused(request.Method, request.Path, e.Message);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    // Some routes (/hangfire/stats) read a form whatever the method; a GET has none.
    private static bool NoForm(HttpRequest request, Exception e) =>
        e is InvalidOperationException && !request.HasFormContentType && e.Message.StartsWith("Incorrect Content-Type", StringComparison.Ordinal);
}
