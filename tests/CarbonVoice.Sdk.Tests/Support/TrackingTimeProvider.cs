using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are armed, so tests can advance time exactly
/// when the code under test is blocked on a timer (a rate-limit wait, a retry delay, an attempt timeout) instead of
/// racing continuations that are still running.
/// </summary>
internal sealed class TrackingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _armed = [];

    /// <summary>The earliest due time of an armed timer due within <paramref name="horizon"/> from now, if any.</summary>
    public DateTimeOffset? NextDueWithin(TimeSpan horizon)
    {
        var limit = GetUtcNow() + horizon;
        lock (_gate)
        {
            return _armed.Where(t => t.DueAt <= limit).Select(t => (DateTimeOffset?)t.DueAt).Min();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Arm(dueTime, period);
        tracked.Inner = base.CreateTimer(
            s =>
            {
                tracked.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return tracked;
    }

    private void Update(TrackedTimer timer, bool armed)
    {
        lock (_gate)
        {
            if (armed)
            {
                _armed.Add(timer);
            }
            else
            {
                _armed.Remove(timer);
            }
        }
    }

    private sealed class TrackedTimer(TrackingTimeProvider owner) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer? Inner { get; set; }

        public DateTimeOffset DueAt { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                owner.Update(this, armed: false);
                return;
            }

            DueAt = owner.GetUtcNow() + dueTime;
            owner.Update(this, armed: true);
        }

        public void Fired()
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                owner.Update(this, armed: false);
            }
            else
            {
                DueAt = owner.GetUtcNow() + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner.Update(this, armed: false);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Update(this, armed: false);
            return Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }
    }
}
