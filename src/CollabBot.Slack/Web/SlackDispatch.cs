using CollabBot.Core.Bot;
using CollabBot.Slack.Wire;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack.Web;

// The one way the Slack adapter hands work to the core: in a scope of its own, apart from the
// request. Ack apart from work: if the answer is ready within the ack window, which runs from
// the request's start, it goes into the HTTP response; otherwise Slack gets an empty 200 now
// and the answer is delivered later (response_url or the Web API) under SlackBackground.
internal sealed class SlackDispatch(IServiceScopeFactory scopes, BotRouter router, SlackBackground background, IOptions<SlackOptions> options,
    ILogger<SlackDispatch> log)
{
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public Task<Reply> DispatchAsync(Interaction interaction, IServiceProvider scope, CancellationToken ct) =>
        router.DispatchAsync(interaction, scope, ct);

    public Task<Reply> DispatchAsync(Interaction interaction, CancellationToken ct) =>
        InScopeAsync(scope => router.DispatchAsync(interaction, scope, ct));

    public Task<IResult> AckAsync(SlackBody body, Interaction interaction, Func<Reply, Task<IResult>> inTime, Func<Reply, Task> late,
        CancellationToken aborted) =>
        AckAsync(body, interaction.Kind, interaction.Id, (scope, ct) => router.DispatchAsync(interaction, scope, ct), inTime, late, null, aborted);

    // work: everything the answer needs, the caller's profile and a first install included.
    // failed: what to say when the answer was ready but could not be shown.
    public async Task<IResult> AckAsync<T>(SlackBody body, InteractionKind kind, string id, Func<IServiceProvider, CancellationToken, Task<T>> work,
        Func<T, Task<IResult>> inTime, Func<T, Task> late, Func<T, IResult>? failed, CancellationToken aborted)
    {
        // On its own task: SQLite's "async" calls complete synchronously, and the window must
        // be able to close while the work goes on.
        var running = Task.Run(() => InScopeAsync(scope => work(scope, CancellationToken.None)), CancellationToken.None);
        var left = TimeSpan.FromMilliseconds(options.Value.AckBudgetMilliseconds) - body.Elapsed;
        try
        {
            await running.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, aborted);
        }
        catch (TimeoutException) { }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested) { }
        catch (Exception) when (running.IsFaulted) { }   // reported by the late path below

        if (running.IsCompletedSuccessfully)
        {
            try
            {
                return await inTime(running.Result);
            }
            catch (Exception e) when (e is SlackApiException or SlackRateLimitedException or HttpRequestException or TaskCanceledException)
            {
                // The state change is committed; only showing its answer failed. Say so, never a 500.
                log.ReplyNotDelivered(e, kind, id);
                return failed?.Invoke(running.Result) ?? Results.Ok();
            }
        }

        background.Run($"reply to {kind} {id}", async (_, _) => await late(await running));
        return Results.Ok();
    }
}
