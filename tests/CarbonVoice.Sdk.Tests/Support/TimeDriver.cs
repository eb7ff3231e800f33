using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>Drives a <see cref="FakeTimeProvider"/> until a call finishes, without real sleeps.</summary>
internal static class TimeDriver
{
    /// <summary>A real-time guard against hangs; never a wait the tests rely on.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>Advances fake time by <paramref name="step"/> (1 s by default) and yields until the task completes, then returns its result.</summary>
    public static async Task<T> AdvanceUntilCompletedAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? step = null, int maxSteps = 1000)
    {
        await AdvanceUntilCompletedAsync(time, (Task)task, step, maxSteps);
        return await task;
    }

    /// <summary>
    /// Advances fake time by <paramref name="step"/> (1 s by default) and yields until the task completes, without
    /// observing its outcome. After <paramref name="maxSteps"/> steps the fake clock stops and the task gets real
    /// time to finish continuations that are merely slow (first-time JIT, exception unwinding).
    /// </summary>
    public static async Task AdvanceUntilCompletedAsync(this FakeTimeProvider time, Task task, TimeSpan? step = null, int maxSteps = 1000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            time.Advance(step ?? TimeSpan.FromSeconds(1));
            for (var y = 0; y < 20 && !task.IsCompleted; y++)
            {
                await Task.Yield();
            }
        }

        await EnsureCompletedAsync(task);
    }

    /// <summary>Yields until <paramref name="condition"/> holds (bounded by a real-time hang guard; no sleep).</summary>
    public static async Task YieldUntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > HangGuard)
            {
                throw new TimeoutException($"Gave up waiting for: {what}.");
            }

            await Task.Yield();
        }
    }

    /// <summary>Yields a number of times to give other continuations a chance to run.</summary>
    public static async Task YieldManyAsync(int times = 200)
    {
        for (var i = 0; i < times; i++)
        {
            await Task.Yield();
        }
    }

    /// <summary>Awaits a task that must complete without anybody advancing fake time (real-time guard against hangs only).</summary>
    public static Task<T> WithoutAdvancingAsync<T>(Task<T> task) => task.WaitAsync(HangGuard);

    /// <summary>Awaits a task that must complete without anybody advancing fake time (real-time guard against hangs only).</summary>
    public static Task WithoutAdvancingAsync(Task task) => task.WaitAsync(HangGuard);

    /// <summary>Waits (real-time guard only) for the task to complete, without observing its outcome.</summary>
    public static async Task EnsureCompletedAsync(Task task)
    {
        if (await Task.WhenAny(task, Task.Delay(HangGuard)) != task)
        {
            throw new TimeoutException("The call did not complete.");
        }
    }
}
