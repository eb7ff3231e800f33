namespace CarbonVoice.Sdk.Testing;

/// <summary>Token-bucket rate limiting: each credential may make <see cref="Limit"/> requests, refilled evenly over <see cref="Window"/>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Bucket capacity and the value of <c>X-RateLimit-Limit</c>.</summary>
    public int Limit { get; set; } = 1000;

    /// <summary>Time to refill an empty bucket.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Meaning of <c>X-RateLimit-Reset</c>.</summary>
    public RateLimitResetMode ResetMode { get; set; } = RateLimitResetMode.SecondsFromNow;

    /// <summary>When false, no limit applies and no rate-limit headers are sent.</summary>
    public bool Enabled { get; set; } = true;
}
