namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Hands out one connection's rate-limit budget to its concurrent callers. After a response reported <c>Remaining</c>
/// requests until the reset, the budget is that number less the requests already reserved and not yet answered (they may
/// not have been counted yet). Half of it may go at once; the rest is spread evenly up to the reset, so concurrent callers
/// queue for a slot instead of bursting into 429s. Requests beyond the budget wait for the reset (then one
/// <c>Limit</c> per window). Before any rate-limit header, or without a reset, nothing is delayed.
/// </summary>
internal sealed class RateLimitPacer
{
    private readonly Lock _sync = new();
    private DateTimeOffset _observedAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _resetAt;
    private int? _limit;
    private long _budget = long.MaxValue;
    private long _reserved;
    private long _outstanding;

    /// <summary>Takes a slot for one request; returns how long the caller waits before sending it (zero when it may go now).</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        lock (_sync)
        {
            _outstanding++;
            if (_resetAt is { } resetAt && now >= resetAt)
            {
                // The window the last response described is over: a new one starts with the limit, its reset unknown.
                _budget = _limit is { } limit ? limit - (_outstanding - 1) : long.MaxValue;
                _reserved = 0;
                _observedAt = resetAt;
                _resetAt = null;
            }

            var index = _reserved++;
            if (_resetAt is not { } reset || index < Burst(_budget))
            {
                return TimeSpan.Zero;
            }

            var window = reset - _observedAt;
            DateTimeOffset slot;
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

            return slot > now ? slot - now : TimeSpan.Zero;
        }
    }

    /// <summary>A reserved request was answered (or failed); <paramref name="info"/> is what its response reported, if anything.</summary>
    public void Complete(RateLimitInfo? info)
    {
        lock (_sync)
        {
            _outstanding = Math.Max(0, _outstanding - 1);
            if (info is null || info.ObservedAt < _observedAt)
            {
                // An older response (a slow concurrent call) says nothing about the newer state.
                return;
            }

            var budget = info.Remaining is { } remaining ? remaining - _outstanding : long.MaxValue;
            if (info.ResetAt is { } reset && reset == _resetAt)
            {
                // The same window: responses complete out of order, so a higher Remaining may be the older count.
                budget = Math.Min(budget, _budget - _reserved);
            }

            _observedAt = info.ObservedAt;
            _resetAt = info.ResetAt;
            _limit = info.Limit ?? _limit;
            _budget = budget;
            _reserved = 0;
        }
    }

    /// <summary>A reserved request was not sent (its wait was refused or cancelled): its slot is given back.</summary>
    public void Cancel()
    {
        lock (_sync)
        {
            _outstanding = Math.Max(0, _outstanding - 1);
            _reserved = Math.Max(0, _reserved - 1);
        }
    }

    /// <summary>How much of a budget goes without pacing: half of it.</summary>
    private static long Burst(long budget) => budget <= 0 ? 0 : budget / 2;
}
