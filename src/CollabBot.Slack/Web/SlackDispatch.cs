using CollabBot.Core.Bot;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CollabBot.Slack.Wire;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack.Web;

// Ack apart from work: the handler runs in its own scope; if it answers within the ack
// budget the answer goes into the HTTP response, otherwise Slack gets an empty 200 now and
// the answer is delivered later (response_url or the Web API).
internal static class SlackDispatch
{
    public static async Task<IResult> RunAsync(HttpContext http, Interaction interaction, Func<Reply, Task<IResult>> inTime,
        Func<Reply, Task> late, ILogger log, Func<IResult>? failed = null)
    {
        var services = http.RequestServices.GetRequiredService<IServiceScopeFactory>();
        var router = http.RequestServices.GetRequiredService<BotRouter>();
        var budget = http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value.AckBudgetMilliseconds;
        // On its own task: SQLite's "async" calls complete synchronously, and the budget must
        // be able to run out while the work goes on.
        var work = Task.Run(() => DispatchAsync(services, router, interaction));
        try
        {
            await work.WaitAsync(TimeSpan.FromMilliseconds(budget), http.RequestAborted);
        }
        catch (TimeoutException) { }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested) { }
        catch (Exception) when (work.IsFaulted) { }   // reported by the late path below

        if (work.IsCompletedSuccessfully)
        {
            try
            {
                return await inTime(work.Result);
            }
            catch (Exception e) when (e is SlackApiException or SlackRateLimitedException or HttpRequestException or TaskCanceledException)
            {
                // The state change is committed; only showing its answer failed. Say so, never a 500.
                log.LogWarning(e, "Slack reply for {Kind} {Id} could not be delivered", interaction.Kind, interaction.Id);
                return failed?.Invoke() ?? Results.Ok();
            }
        }

        http.RequestServices.GetRequiredService<SlackBackground>().Run($"reply to {interaction.Kind} {interaction.Id}", async (_, _) => await late(await work));
        return Results.Ok();
    }

    private static async Task<Reply> DispatchAsync(IServiceScopeFactory services, BotRouter router, Interaction interaction)
    {
        await using var scope = services.CreateAsyncScope();
        return await router.DispatchAsync(interaction, scope.ServiceProvider, CancellationToken.None);
    }
}
