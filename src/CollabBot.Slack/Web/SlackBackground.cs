using CollabBot.Core.Bot;
using Microsoft.Extensions.Hosting;

namespace CollabBot.Slack.Web;

// Work Slack has already been told is accepted (its 200 left within the 3 s budget): a reply
// that missed the budget, an install whose roster takes longer than the budget. Each runs in
// its own scope (the request's is gone), and shutdown gives it the grace period to finish.
internal sealed class SlackBackground(IServiceScopeFactory scopes, ILogger<SlackBackground> log) : IHostedService, IDisposable
{
    private readonly InFlight _running = new();
    private readonly CancellationTokenSource _stopping = new();

    public void Run(string what, Func<IServiceProvider, CancellationToken, Task> work)
    {
        _running.Enter();
        var stopping = _stopping.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider, stopping);
            }
            catch (Exception e)
            {
                log.BackgroundFailed(e, what);
            }
            finally
            {
                _running.Leave();
            }
        });
    }

    public Task WhenIdleAsync() => _running.WhenIdleAsync();

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken ct)
    {
        try
        {
            await _running.WhenIdleAsync().WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            log.StillRunningAtShutdown(_running.Count);
            await _stopping.CancelAsync();
        }
    }

    // After StopAsync (the container disposes its singletons last); work still running holds its token.
    public void Dispose() => _stopping.Dispose();
}
