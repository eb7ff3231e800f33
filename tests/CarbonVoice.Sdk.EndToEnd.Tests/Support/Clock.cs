using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests.Support;

/// <summary>Drives the shared <see cref="FakeTimeProvider"/> until a call finishes: no sleeps, bounded loops.</summary>
internal static class Clock
{
    /// <summary>A real-time guard against hangs only; no test relies on it elapsing.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? step = null, int maxSteps = 2000)
    {
        await DriveAsync(time, (Task)task, step, maxSteps);
        return await task;
    }

    /// <summary>Advances fake time by <paramref name="step"/> (250 ms by default) and yields, until the task completes.</summary>
    public static async Task DriveAsync(this FakeTimeProvider time, Task task, TimeSpan? step = null, int maxSteps = 2000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            for (var y = 0; y < 50 && !task.IsCompleted; y++)
            {
                await Task.Yield();
            }

            if (!task.IsCompleted)
            {
                time.Advance(step ?? TimeSpan.FromMilliseconds(250));
            }
        }

        var watch = Stopwatch.StartNew();
        while (!task.IsCompleted && watch.Elapsed < HangGuard)
        {
            await Task.WhenAny(task, Task.Delay(50));
        }

        if (!task.IsCompleted)
        {
            throw new TimeoutException("The call did not complete while fake time was driven.");
        }
    }

    /// <summary>Awaits a call that must finish without fake time moving (real-time hang guard only).</summary>
    public static Task<T> NoAdvance<T>(Task<T> task) => task.WaitAsync(HangGuard);
}
