namespace CollabBot.Core.Bot;

// Counts work that outlives the request that started it (a reply sent after the ack, an
// install finished in the background), so shutdown can wait for it and tests can read its
// result without sleeping.
internal sealed class InFlight
{
    private readonly object _gate = new();
    private int _count;
    private TaskCompletionSource _idle = Done();

    public int Count
    {
        get { lock (_gate) return _count; }
    }

    public void Enter()
    {
        lock (_gate)
            if (_count++ == 0) _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Leave()
    {
        lock (_gate)
            if (--_count == 0) _idle.TrySetResult();
    }

    // Completes when nothing is in flight.
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    private static TaskCompletionSource Done()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
