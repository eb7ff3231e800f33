using System.ComponentModel.DataAnnotations;

namespace CarbonVoice.Sdk;

/// <summary>How the client handles the service's rate limits.</summary>
public sealed class CarbonVoiceRateLimitOptions
{
    /// <summary>How many times a request answered with 429 is retried after waiting. Default 3.</summary>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest single wait for a reset; a longer one throws <see cref="CarbonVoiceRateLimitException"/> at once. Default 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Pace requests from the rate-limit headers instead of provoking 429s: a connection's concurrent calls share the
    /// <c>X-RateLimit-Remaining</c> budget up to the reset, and once it is used up (or reaches 0) further requests are held
    /// until the reset. On by default.
    /// </summary>
    public bool WaitWhenExhausted { get; set; } = true;

    /// <summary>The wait used when a 429 carries neither <c>Retry-After</c> nor <c>X-RateLimit-Reset</c>. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
