using System.Globalization;

namespace CarbonVoice.Sdk.Testing;

/// <summary>A token bucket per credential: <c>Limit</c> tokens, refilled evenly over <c>Window</c>.</summary>
internal sealed class RateLimiter
{
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private readonly RateLimitOptions _options;

    public RateLimiter(RateLimitOptions options)
    {
        _options = options;
    }

    /// <summary>False when rate limiting is switched off: no token is taken and no header is sent.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Takes one token; fills in the rate-limit headers and returns false (with Retry-After) when the bucket is empty.</summary>
    public bool TryAcquire(string key, long nowMs, EmulatorResponse response)
    {
        if (!_options.Enabled)
        {
            return true;
        }

        var limit = Math.Max(1, _options.Limit);
        var msPerToken = Math.Max(1.0, _options.Window.TotalMilliseconds) / limit;
        bool allowed;
        double tokens;
        lock (_sync)
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                bucket = new Bucket { Tokens = limit, LastMs = nowMs };
                _buckets.Add(key, bucket);
            }

            if (nowMs > bucket.LastMs)
            {
                bucket.Tokens = Math.Min(limit, bucket.Tokens + (nowMs - bucket.LastMs) / msPerToken);
                bucket.LastMs = nowMs;
            }

            allowed = bucket.Tokens >= 1;
            if (allowed)
            {
                bucket.Tokens -= 1;
            }

            tokens = bucket.Tokens;
        }

        WriteHeaders(response, limit, tokens, msPerToken, nowMs);
        if (!allowed)
        {
            var retryAfter = Math.Max(1, (long)Math.Ceiling((1 - tokens) * msPerToken / 1000.0));
            response.AddHeader("Retry-After", retryAfter.ToString(CultureInfo.InvariantCulture));
        }

        return allowed;
    }

    /// <summary>
    /// Reports the state of <paramref name="key"/>'s bucket in the rate-limit headers without taking a token,
    /// for responses that never reached <see cref="TryAcquire"/> (injected faults, 401, 404, OAuth endpoints).
    /// An unknown key reports a full bucket and creates none, so bad credentials cannot grow the table.
    /// </summary>
    public void Report(string key, long nowMs, EmulatorResponse response)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var limit = Math.Max(1, _options.Limit);
        var msPerToken = Math.Max(1.0, _options.Window.TotalMilliseconds) / limit;
        double tokens = limit;
        lock (_sync)
        {
            if (_buckets.TryGetValue(key, out var bucket))
            {
                tokens = nowMs > bucket.LastMs
                    ? Math.Min(limit, bucket.Tokens + (nowMs - bucket.LastMs) / msPerToken)
                    : bucket.Tokens;
            }
        }

        WriteHeaders(response, limit, tokens, msPerToken, nowMs);
    }

    private void WriteHeaders(EmulatorResponse response, int limit, double tokens, double msPerToken, long nowMs)
    {
        var untilFullSeconds = (long)Math.Ceiling((limit - tokens) * msPerToken / 1000.0);
        var reset = _options.ResetMode == RateLimitResetMode.EpochSeconds
            ? (nowMs / 1000) + untilFullSeconds
            : untilFullSeconds;
        response.AddHeader("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture));
        response.AddHeader("X-RateLimit-Remaining", ((long)Math.Floor(tokens)).ToString(CultureInfo.InvariantCulture));
        response.AddHeader("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture));
        response.RateLimitReported = true;
    }

    public void Reset()
    {
        lock (_sync)
        {
            _buckets.Clear();
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }
        public long LastMs { get; set; }
    }
}
