using System.Diagnostics;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>Drives a <see cref="TrackingTimeProvider"/> until a call finishes, without real sleeps.</summary>
internal static class TimeDriver
{
    /// <summary>A real-time guard against hangs; never a wait the tests rely on.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>Timers due further away than this are never fired by the driver (for example 1-hour timeout budgets).</summary>
    private static readonly TimeSpan DefaultHorizon = TimeSpan.FromMinutes(10);

    /// <summary>Advances fake time whenever the call is blocked on a timer, until it completes; returns its result.</summary>
    public static async Task<T> AdvanceUntilCompletedAsync<T>(this TrackingTimeProvider time, Task<T> task, TimeSpan? horizon = null)
    {
        await AdvanceUntilCompletedAsync(time, (Task)task, horizon);
        return await task;
    }

    /// <summary>
    /// Advances fake time to the next armed timer (due within <paramref name="horizon"/>) each time the call is
    /// blocked on one, until the call completes; does not observe its outcome. Time never moves while the call is
    /// still running, so slow continuations (first-time JIT, exception unwinding) cannot be overtaken.
    /// </summary>
    public static async Task AdvanceUntilCompletedAsync(this TrackingTimeProvider time, Task task, TimeSpan? horizon = null)
    {
        while (!task.IsCompleted)
        {
            // Taken before the timers are read: a timer armed after the read completes it, so no wake-up is lost.
            var changed = time.Changed;
            if (time.NextDueWithin(horizon ?? DefaultHorizon) is { } due)
            {
                var step = due - time.GetUtcNow();
                time.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);

                // The fired timer's continuation may be queued rather than run inline: give it a turn before the next jump.
                await Task.Yield();
                continue;
            }

            await UntilChangedAsync(task, changed, "The call neither completed nor waited on a timer.");
        }
    }

    /// <summary>
    /// Runs <paramref name="count"/> concurrent callers of <paramref name="caller"/> to completion (observing their
    /// outcome): fake time moves, exactly to the earliest of their waits, only when every unfinished caller is blocked on
    /// a timer due within <paramref name="horizon"/>, never while one of them is still on its way. Between moves the
    /// driver awaits the next change of the timers or callers instead of polling.
    /// </summary>
    public static async Task DriveCallersAsync(this TrackingTimeProvider time, int count, Func<Task> caller, TimeSpan? horizon = null)
    {
        var all = Task.WhenAll(Enumerable.Range(0, count).Select(_ => time.StartCaller(caller)).ToList());
        while (true)
        {
            var (next, unfinished, blocked, changed) = time.CallersState(horizon ?? DefaultHorizon);
            if (unfinished == 0)
            {
                break;
            }

            if (next is { } due)
            {
                var step = due - time.GetUtcNow();
                time.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
                continue;
            }

            try
            {
                // A caller's end is a change too, so a failing caller cannot leave the driver waiting.
                await changed.WaitAsync(HangGuard);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{unfinished} callers unfinished, {blocked} of them blocked on a timer, and nothing changed for {HangGuard.TotalSeconds} s.");
            }
        }

        await all;
    }

    /// <summary>Yields until the call is blocked on a timer due within <paramref name="horizon"/> (or has completed).</summary>
    public static async Task WaitUntilBlockedOnTimerAsync(this TrackingTimeProvider time, Task task, TimeSpan? horizon = null)
    {
        while (true)
        {
            var changed = time.Changed;
            if (task.IsCompleted || time.NextDueWithin(horizon ?? DefaultHorizon) is not null)
            {
                return;
            }

            await UntilChangedAsync(task, changed, "Gave up waiting for the call to wait on a timer.");
        }
    }

    /// <summary>Awaits the end of <paramref name="task"/> or a change of the clock's timers, whichever comes first (real-time hang guard only).</summary>
    private static async Task UntilChangedAsync(Task task, Task changed, string hung)
    {
        try
        {
            await Task.WhenAny(task, changed).WaitAsync(HangGuard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(hung);
        }
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
