using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are armed, so tests can advance time exactly
/// when the code under test is blocked on a timer (a rate-limit wait, a retry delay, an attempt timeout) instead of
/// racing continuations that are still running. Callers started with <see cref="StartCaller"/> are told apart: each
/// timer belongs to the caller that armed it, so a driver can tell when every one of them is blocked.
/// </summary>
internal sealed class TrackingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>The caller (of <see cref="StartCaller"/>) the current flow belongs to; it flows into the timers it arms.</summary>
    private static readonly AsyncLocal<object?> CurrentCaller = new();
    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _armed = [];
    private readonly HashSet<object> _callers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The earliest due time of an armed timer due within <paramref name="horizon"/> from now, if any.</summary>
    public DateTimeOffset? NextDueWithin(TimeSpan horizon)
    {
        var limit = GetUtcNow() + horizon;
        lock (_gate)
        {
            return _armed.Where(t => t.DueAt <= limit).Select(t => (DateTimeOffset?)t.DueAt).Min();
        }
    }

    /// <summary>
    /// A task that completes at the next arming, firing or disarming of a timer, or the end of a caller: take it before
    /// reading the state it guards, then await it instead of polling.
    /// </summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> on the thread pool as a caller whose timers are told apart from the others'.</summary>
    public Task StartCaller(Func<Task> body)
    {
        var caller = new object();
        lock (_gate)
        {
            _callers.Add(caller);
        }

        return Task.Run(async () =>
        {
            CurrentCaller.Value = caller;
            try
            {
                await body();
            }
            finally
            {
                lock (_gate)
                {
                    _callers.Remove(caller);
                }

                Signal();
            }
        });
    }

    /// <summary>
    /// Under one lock: when every unfinished caller is blocked on a timer due within <paramref name="horizon"/>, the
    /// earliest of those timers (null otherwise, or when no caller is left); and a task that completes at the next arming,
    /// firing or disarming of a timer, or the end of a caller, so a driver can wait for a change instead of polling.
    /// </summary>
    public (DateTimeOffset? Next, int Unfinished, int Blocked, Task Changed) CallersState(TimeSpan horizon)
    {
        var limit = GetUtcNow() + horizon;
        lock (_gate)
        {
            var waits = _armed.Where(t => t.DueAt <= limit && t.Caller is not null && _callers.Contains(t.Caller)).ToList();
            var blocked = waits.Select(t => t.Caller).Distinct().Count();
            DateTimeOffset? next = blocked > 0 && blocked == _callers.Count ? waits.Min(t => t.DueAt) : null;
            return (next, _callers.Count, blocked, _changed.Task);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, CurrentCaller.Value);

        // Created disarmed and armed afterwards, so a timer due at once cannot fire before it is tracked (and stay tracked).
        tracked.Inner = base.CreateTimer(
            s =>
            {
                tracked.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        tracked.Change(dueTime, period);
        return tracked;
    }

    /// <summary>Arms the timer's tracking at <paramref name="dueAt"/>, or disarms it when null.</summary>
    private void Update(TrackedTimer timer, DateTimeOffset? dueAt)
    {
        lock (_gate)
        {
            if (dueAt is { } due)
            {
                timer.DueAt = due;
                _armed.Add(timer);
            }
            else
            {
                _armed.Remove(timer);
            }
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private sealed class TrackedTimer(TrackingTimeProvider owner, object? caller) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer? Inner { get; set; }

        public object? Caller { get; } = caller;

        /// <summary>Set and read under the owner's lock only.</summary>
        public DateTimeOffset DueAt { get; set; }

        public void Fired()
        {
            var periodic = _period != Timeout.InfiniteTimeSpan && _period != TimeSpan.Zero;
            owner.Update(this, periodic ? owner.GetUtcNow() + _period : null);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            owner.Update(this, dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime);

            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner.Update(this, null);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Update(this, null);
            return Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }
    }
}
