using CollabBot.Core;

namespace CollabBot.Tests.Core;

public sealed class LoopThreadTests
{
    [Fact]
    public async Task The_loop_runs_and_resumes_on_its_own_thread_never_the_pool()
    {
        var threads = new List<(int Id, bool Pool, string? Name)>();
        void Note() => threads.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
        await LoopThread.Start("loop-test", async () =>
        {
            Note();
            await Task.Delay(20);    // completes on a timer thread
            Note();
            await Task.Yield();
            Note();
            await Task.Run(() => Thread.Sleep(5));
            Note();
        });
        Assert.Equal(4, threads.Count);
        Assert.Single(threads.Select(t => t.Id).Distinct());
        Assert.All(threads, t => Assert.False(t.Pool));
        Assert.All(threads, t => Assert.Equal("loop-test", t.Name));
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0].Id);
    }

    [Fact]
    public async Task A_failing_loop_fails_the_task_it_returned()
    {
        var late = await Assert.ThrowsAsync<InvalidOperationException>(() => LoopThread.Start("loop-fails", async () =>
        {
            await Task.Delay(1);
            throw new InvalidOperationException("late");
        }));
        Assert.Equal("late", late.Message);
        var early = await Assert.ThrowsAsync<ArgumentException>(() => LoopThread.Start("loop-throws", () => throw new ArgumentException("early")));
        Assert.Equal("early", early.Message);
    }
}
