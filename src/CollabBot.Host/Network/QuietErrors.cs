using Microsoft.AspNetCore.Diagnostics;

namespace CollabBot.Host.Network;

// In Development ASP.NET Core puts its developer exception page in front of every request, and
// that page prints the request's headers: an Authorization bearer, a Basic password, a Slack
// signature, cookies. This filter answers instead of the page, with a plain 500 that names
// only the exception's type; the exception itself is in the log (the page's middleware logged
// it before calling here). Outside Development the page is not there and this is never asked.
internal sealed class QuietErrors : IDeveloperPageExceptionFilter
{
    public Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        var response = errorContext.HttpContext.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status500InternalServerError;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync($"500 Internal Server Error ({errorContext.Exception.GetType().Name}); the details are in the host's log.\n");
    }
}

internal static class QuietErrorsSetup
{
    public static IServiceCollection AddQuietErrors(this IServiceCollection services) =>
        services.AddSingleton<IDeveloperPageExceptionFilter, QuietErrors>();
}
