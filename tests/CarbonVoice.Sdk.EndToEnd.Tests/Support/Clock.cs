using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests.Support;

/// <summary>
/// The clock shared by the emulator and the SDK: a <see cref="FakeTimeProvider"/> whose timers are tracked, so a
/// driver can move time exactly to the next pending wait (a rate-limit hold, a Retry-After, injected latency, a
/// polling interval) and never while work is merely in flight. Time therefore moves the same way on a loaded
/// machine as on an idle one.
/// </summary>
internal sealed class DrivenClock(FakeTimeProvider fake) : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly HashSet<TrackedTimer> _pending = [];

    public FakeTimeProvider Fake { get; } = fake;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this);
        timer.Inner = Fake.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The earliest due time of a pending timer, or null.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_sync)
        {
            return _pending.Count == 0 ? null : _pending.Min(t => t.Due);
        }
    }

    /// <summary>Whether a timer due exactly at <paramref name="due"/> is pending (a wait the code under test is blocked on).</summary>
    public bool IsPending(DateTimeOffset due)
    {
        lock (_sync)
        {
            return _pending.Any(t => t.Due == due);
        }
    }

    private void Track(TrackedTimer timer, bool pending)
    {
        lock (_sync)
        {
            if (pending)
            {
                _pending.Add(timer);
            }
            else
            {
                _pending.Remove(timer);
            }
        }
    }

    private sealed class TrackedTimer(DrivenClock clock) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                clock.Track(this, pending: false);
            }
            else
            {
                Due = clock.GetUtcNow() + dueTime;
                clock.Track(this, pending: true);
            }

            return Inner.Change(dueTime, period);
        }

        public void Fired()
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                clock.Track(this, pending: false);
            }
            else
            {
                Due = clock.GetUtcNow() + _period;
            }
        }

        public void Dispose()
        {
            clock.Track(this, pending: false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

internal static class Clock
{
    /// <summary>A real-time guard against hangs only; no test relies on it elapsing.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>The default longest jump: shorter than every timeout the suite configures (attempt 30 s, total 100 s).</summary>
    private static readonly TimeSpan DefaultMaxJump = TimeSpan.FromSeconds(10);

    public static async Task<T> DriveAsync<T>(this DrivenClock clock, Task<T> task, TimeSpan? maxJump = null)
    {
        await DriveAsync(clock, (Task)task, maxJump);
        return task.Result;
    }

    /// <summary>
    /// Runs the task to completion: whenever a timer no further than <paramref name="maxJump"/> away is pending, fake
    /// time jumps exactly to it; otherwise the task gets real time to make progress. Timeouts (longer timers) never
    /// fire by accident.
    /// </summary>
    public static async Task DriveAsync(this DrivenClock clock, Task task, TimeSpan? maxJump = null)
    {
        var limit = maxJump ?? DefaultMaxJump;
        var watch = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (watch.Elapsed > HangGuard)
            {
                throw new TimeoutException($"The call did not complete (fake time {clock.GetUtcNow():O}, next timer {clock.NextDue():O}).");
            }

            var now = clock.GetUtcNow();
            if (clock.NextDue() is { } due && due - now <= limit)
            {
                clock.Fake.Advance(due > now ? due - now : TimeSpan.Zero);
                await Task.Yield();
                continue;
            }

            await Task.WhenAny(task, Task.Delay(1));
        }

        await task; // observe the outcome
    }

    /// <summary>Awaits a call that must finish without fake time moving (real-time hang guard only).</summary>
    public static Task<T> NoAdvance<T>(Task<T> task) => task.WaitAsync(HangGuard);

    /// <summary>Yields until a condition holds (real-time hang guard only).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > HangGuard)
            {
                throw new TimeoutException($"Gave up waiting for: {what}.");
            }

            await Task.Delay(1);
        }
    }
}
