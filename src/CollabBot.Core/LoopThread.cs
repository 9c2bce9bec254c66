using System.Collections.Concurrent;

namespace CollabBot.Core;

// Runs an async loop on a thread of its own, its awaits coming back to that thread (it is the
// loop's synchronization context). For loops that wait on the disk: Microsoft.Data.Sqlite's
// async methods complete synchronously, so a commit's fsync blocks whichever thread runs it.
// On the thread pool, which keeps only a few workers on a small machine, a loop that commits
// many times a second would hold one of them in fsync much of the time and leave the requests
// short of threads whenever the pool shrinks.
internal sealed class LoopThread : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _work = [];

    // Completes as the loop does (with its exception, if it fails).
    public static Task Start(string name, Func<Task> loop)
    {
        var context = new LoopThread();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => context.Run(loop, done)) { IsBackground = true, Name = name };
        // Not the starter's context: the loop outlives the request that first asked for it.
        using (ExecutionContext.SuppressFlow()) thread.Start();
        return done.Task;
    }

    private void Run(Func<Task> loop, TaskCompletionSource done)
    {
        SetSynchronizationContext(this);
        Task task;
        try
        {
            task = loop();
        }
        catch (Exception e)
        {
            task = Task.FromException(e);
        }
        task.ContinueWith(_ => _work.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        foreach (var (callback, state) in _work.GetConsumingEnumerable()) callback(state);
        if (task.Exception is { } failed) done.SetException(failed.InnerExceptions);
        else if (task.IsCanceled) done.SetCanceled();
        else done.SetResult();
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        try
        {
            _work.Add((d, state));
        }
        catch (InvalidOperationException)
        {
            // The loop has ended; something it started and that finished late runs on the pool.
            ThreadPool.QueueUserWorkItem(s => d(s), state);
        }
    }

    public override SynchronizationContext CreateCopy() => this;
}
