namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Hands out one connection's rate-limit budget to its concurrent callers. Every request reserves a slot
/// (<see cref="Reserve"/>), takes a send sequence number when it leaves (<see cref="Reservation.Sent"/>), and ends with
/// <see cref="Reservation.Complete"/> (or <see cref="Reservation.Cancel"/> when it is never sent).
/// </summary>
/// <remarks>
/// <para>
/// The budget. A response reports <c>Remaining</c> as the service saw it right after counting its request. From it the
/// pacer takes off the requests that will still count before the reset: those sent and not counted yet (see below), and
/// those reserved, not sent, whose slot comes before the reset (a slot at or after the reset counts in the next window).
/// Half of the budget may go at once; the rest is spread evenly up to the reset, so concurrent callers queue for a slot
/// instead of bursting into 429s. Requests beyond it wait for the reset (then one <c>Limit</c> per window). Before any
/// rate-limit header, or without a reset, nothing is delayed.
/// </para>
/// <para>
/// Which unanswered requests are not counted yet is estimated twice, and the larger estimate is taken, so the budget is
/// right when either holds. By send order: a request sent before the one whose response set the state most likely
/// reached the service first, so only those sent after it are taken as not counted. By count: the window's count
/// (<c>Limit − Remaining</c>) less the responses of the window already read is how many requests the service counted
/// whose responses are still on their way back, so only the rest of the unanswered ones are taken as not counted. The
/// first is wrong when requests overtake each other between the client and the service (thread scheduling alone does
/// it); the second when another client spends the same budget. For one client of a fixed window the second is exact, and
/// the first can only make the budget lower for a moment, until the responses on their way back are read.
/// </para>
/// <para>
/// Responses complete out of order, so not every response moves the state. Within one window (the same reset) the one
/// with the lowest <c>Remaining</c> is the newest state (the count only grows until the reset); any response of the
/// window is answered now, so the budget is worked out again without charging it. A response of another window replaces
/// the state only when its request was sent after the state's: an older response never raises the budget beyond no longer
/// charging its own request.
/// </para>
/// </remarks>
internal sealed class RateLimitPacer
{
    private readonly Lock _sync = new();
    private readonly HashSet<long> _inFlight = [];
    private readonly HashSet<Reservation> _waiting = [];
    private long _sent;

    // The state: the response to request number _anchor (0: none yet), and how many responses of its window were read.
    private long _anchor;
    private long _remaining = long.MaxValue;
    private DateTimeOffset? _resetAt;
    private int? _limit;
    private long _answered;

    // The slots handed out since the budget was last worked out at _observedAt.
    private DateTimeOffset _observedAt = DateTimeOffset.MinValue;
    private long _budget = long.MaxValue;
    private long _reserved;

    /// <summary>Takes a slot for one request; its <see cref="Reservation.Wait"/> is how long the caller waits before sending it (zero when it may go now).</summary>
    /// <param name="now">The current time.</param>
    public Reservation Reserve(DateTimeOffset now)
    {
        lock (_sync)
        {
            if (_resetAt is { } resetAt && now >= resetAt)
            {
                // The window of the state is over and nothing describes the new one yet. Its reset is unknown, so nothing
                // is delayed (a budget of Limit less the requests out would delay nothing either) until its first response,
                // a newer state: that one counts what reached the new window, and the estimates charge a request sent
                // before the reset and still unanswered only when that count does not show it.
                _budget = long.MaxValue;
                _reserved = 0;
                _observedAt = resetAt;
                _resetAt = null;
            }

            var index = _reserved++;
            var slot = now;
            if (_resetAt is { } reset && index >= Burst(_budget))
            {
                var window = reset - _observedAt;
                if (index < _budget)
                {
                    // Spread the rest of the budget evenly: the last of it goes at the reset.
                    var burst = Burst(_budget);
                    slot = _observedAt + (window * ((double)(index - burst + 1) / (_budget - burst)));
                }
                else
                {
                    // Beyond the budget: at the reset, and one limit's worth per window after it.
                    var beyond = index - Math.Max(0, _budget);
                    var windows = _limit is > 0 and var limit ? beyond / limit : 0;
                    slot = reset + (window * windows);
                }
            }

            var reservation = new Reservation(this, slot > now ? slot : now, slot > now ? slot - now : TimeSpan.Zero);
            _waiting.Add(reservation);
            return reservation;
        }
    }

    /// <summary>The reserved request is being sent now: it takes the next send sequence number.</summary>
    private void Sent(Reservation reservation)
    {
        lock (_sync)
        {
            if (_waiting.Remove(reservation))
            {
                reservation.Sequence = ++_sent;
                _inFlight.Add(reservation.Sequence);
            }
        }
    }

    /// <summary>A sent request was answered (or failed); <paramref name="info"/> is what its response reported, if anything.</summary>
    private void Complete(Reservation reservation, RateLimitInfo? info)
    {
        lock (_sync)
        {
            var sequence = reservation.Sequence;
            if (!_inFlight.Remove(sequence) || info is null)
            {
                return;
            }

            var remaining = info.Remaining ?? long.MaxValue;
            var read = info.Remaining is null ? 0 : 1;
            if (info.ResetAt is { } reset && reset == _resetAt)
            {
                // The same window: its count only grows, so the lowest Remaining is the newest state.
                _answered += read;
                _limit = info.Limit ?? _limit;
                if (remaining < _remaining || (remaining == _remaining && sequence > _anchor))
                {
                    _anchor = sequence;
                    _remaining = remaining;
                }
            }
            else if (sequence > _anchor)
            {
                (_anchor, _remaining, _resetAt, _answered) = (sequence, remaining, info.ResetAt, read);
                _limit = info.Limit ?? _limit;
            }

            // (An older response of another window leaves the state as it is, but its request is answered all the same.)
            _budget = _remaining == long.MaxValue ? long.MaxValue : _remaining - NotCountedYet() - WaitingBeforeReset();
            _reserved = 0;
            if (info.ObservedAt > _observedAt)
            {
                _observedAt = info.ObservedAt;
            }
        }
    }

    /// <summary>A reserved request was not sent (its wait was refused or cancelled): its slot is given back.</summary>
    private void Cancel(Reservation reservation)
    {
        lock (_sync)
        {
            if (_waiting.Remove(reservation))
            {
                _reserved = Math.Max(0, _reserved - 1);
            }
        }
    }

    /// <summary>How many unanswered requests the service has not counted yet: the larger of the two estimates (class remarks).</summary>
    private long NotCountedYet()
    {
        long sentAfter = 0;
        foreach (var sequence in _inFlight)
        {
            sentAfter += sequence > _anchor ? 1 : 0;
        }

        var countedOnTheirWay = _limit is { } limit ? Math.Max(0, limit - _remaining - _answered) : 0;
        return Math.Max(sentAfter, _inFlight.Count - countedOnTheirWay);
    }

    /// <summary>How many reserved, unsent requests go before the state's reset (all of them when it is unknown).</summary>
    private long WaitingBeforeReset()
    {
        long count = 0;
        foreach (var reservation in _waiting)
        {
            count += _resetAt is not { } reset || reservation.SlotAt < reset ? 1 : 0;
        }

        return count;
    }

    /// <summary>How much of a budget goes without pacing: half of it.</summary>
    private static long Burst(long budget) => budget <= 0 ? 0 : budget / 2;

    /// <summary>One request's slot: when it may be sent, and, once sent, its send sequence number.</summary>
    internal sealed class Reservation(RateLimitPacer pacer, DateTimeOffset slotAt, TimeSpan wait)
    {
        /// <summary>How long the caller waits before sending the request (zero when it may go now).</summary>
        public TimeSpan Wait { get; } = wait;

        /// <summary>When the request may be sent.</summary>
        internal DateTimeOffset SlotAt { get; } = slotAt;

        /// <summary>The request's send sequence number (from 1); 0 while it is not sent.</summary>
        internal long Sequence { get; set; }

        /// <summary>The request is being sent now: it takes the next send sequence number.</summary>
        public void Sent() => pacer.Sent(this);

        /// <summary>The sent request was answered (or failed); <paramref name="info"/> is what its response reported, if anything.</summary>
        /// <param name="info">The rate-limit headers of its response; null when it failed or had none.</param>
        public void Complete(RateLimitInfo? info) => pacer.Complete(this, info);

        /// <summary>The request was not sent (its wait was refused or cancelled): its slot is given back.</summary>
        public void Cancel() => pacer.Cancel(this);
    }
}
