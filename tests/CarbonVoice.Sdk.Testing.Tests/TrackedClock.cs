using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows its armed timers, so a test can wait (real-time hang guard only) until
/// the emulator is blocked on one and then move time exactly to it, instead of racing continuations still in flight.
/// </summary>
internal sealed class TrackedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly List<(ITimer Timer, DateTimeOffset Due)> _armed = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer? created = null;
        created = base.CreateTimer(
            s =>
            {
                Disarm(created!);
                callback(s);
            },
            state,
            dueTime,
            period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _armed.Add((created, GetUtcNow() + dueTime));
            }
        }

        return new Tracked(created, this);
    }

    /// <summary>Yields until a timer is armed (or <paramref name="done"/> completed); true when a timer is armed.</summary>
    public async Task<bool> WaitForTimerAsync(Task done)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            lock (_gate)
            {
                if (_armed.Count > 0)
                {
                    return true;
                }
            }

            if (done.IsCompleted)
            {
                return false;
            }

            if (watch.Elapsed > HangGuard)
            {
                throw new TimeoutException("No timer was armed and the task did not complete.");
            }

            await Task.Yield();
        }
    }

    /// <summary>Moves time to the earliest armed timer.</summary>
    public void AdvanceToNextTimer()
    {
        DateTimeOffset due;
        lock (_gate)
        {
            due = _armed.Min(t => t.Due);
        }

        var step = due - GetUtcNow();
        Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
    }

    private void Disarm(ITimer timer)
    {
        lock (_gate)
        {
            _armed.RemoveAll(t => ReferenceEquals(t.Timer, timer));
        }
    }

    private sealed class Tracked(ITimer inner, TrackedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Disarm(inner);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (clock._gate)
                {
                    clock._armed.Add((inner, clock.GetUtcNow() + dueTime));
                }
            }

            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Disarm(inner);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock.Disarm(inner);
            return inner.DisposeAsync();
        }
    }
}
