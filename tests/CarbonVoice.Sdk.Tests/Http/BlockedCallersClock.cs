using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>
/// A fake clock for many concurrent callers: time moves only when every unfinished caller is blocked on one of its
/// short timers (a rate-limit wait), never while one of them is still on its way to the server.
/// </summary>
internal sealed class BlockedCallersClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>Timers due further away (the 1-hour timeout budgets of the tests) are not waits of the callers.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly Dictionary<Timer, DateTimeOffset> _armed = [];

    /// <summary>Advances to the earliest wait each time all unfinished callers wait, until all have finished.</summary>
    public async Task DriveAsync(IReadOnlyCollection<Task> callers)
    {
        var watch = Stopwatch.StartNew();
        while (callers.Any(c => !c.IsCompleted))
        {
            var pending = callers.Count(c => !c.IsCompleted);
            DateTimeOffset? next;
            int waiting;
            lock (_gate)
            {
                var limit = GetUtcNow() + Horizon;
                var due = _armed.Values.Where(d => d <= limit).ToList();
                waiting = due.Count;
                next = due.Count == 0 ? null : due.Min();
            }

            if (waiting >= pending && next is { } at)
            {
                Advance(at > GetUtcNow() ? at - GetUtcNow() : TimeSpan.Zero);
                watch.Restart();
            }
            else if (watch.Elapsed > HangGuard)
            {
                throw new TimeoutException($"{pending} callers pending, {waiting} of them waiting on a timer.");
            }

            await Task.Yield();
        }

        await Task.WhenAll(callers);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Disarm();
                callback(s);
            },
            state,
            dueTime,
            period);
        timer.Arm(dueTime);
        return timer;
    }

    private sealed class Timer(BlockedCallersClock owner) : ITimer
    {
        public ITimer? Inner { get; set; }

        public void Arm(TimeSpan dueTime)
        {
            lock (owner._gate)
            {
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    owner._armed.Remove(this);
                }
                else
                {
                    owner._armed[this] = owner.GetUtcNow() + dueTime;
                }
            }
        }

        public void Disarm()
        {
            lock (owner._gate)
            {
                owner._armed.Remove(this);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            Disarm();
            Inner!.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disarm();
            return Inner!.DisposeAsync();
        }
    }
}
