using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>Drives a <see cref="FakeTimeProvider"/> until a call finishes, without real sleeps.</summary>
internal static class TimeDriver
{
    /// <summary>Advances fake time by <paramref name="step"/> (1 s by default) and yields until the task completes.</summary>
    public static async Task<T> AdvanceUntilCompletedAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? step = null, int maxSteps = 1000)
    {
        await AdvanceUntilCompletedAsync(time, (Task)task, step, maxSteps);
        return await task;
    }

    /// <summary>Advances fake time by <paramref name="step"/> (1 s by default) and yields until the task completes.</summary>
    public static async Task AdvanceUntilCompletedAsync(this FakeTimeProvider time, Task task, TimeSpan? step = null, int maxSteps = 1000)
    {
        for (var i = 0; !task.IsCompleted; i++)
        {
            if (i >= maxSteps)
            {
                throw new TimeoutException($"The call did not complete after advancing fake time {maxSteps} times.");
            }

            time.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
    }

    /// <summary>Yields until <paramref name="condition"/> holds (bounded; no real sleep).</summary>
    public static async Task YieldUntilAsync(Func<bool> condition, string what, int maxIterations = 200_000)
    {
        for (var i = 0; !condition(); i++)
        {
            if (i >= maxIterations)
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
    public static Task<T> WithoutAdvancingAsync<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Awaits a task that must complete without anybody advancing fake time (real-time guard against hangs only).</summary>
    public static Task WithoutAdvancingAsync(Task task) => task.WaitAsync(TimeSpan.FromSeconds(30));
}
