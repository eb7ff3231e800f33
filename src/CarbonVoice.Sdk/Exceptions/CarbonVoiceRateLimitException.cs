namespace CarbonVoice.Sdk;

/// <summary>
/// The rate limit was exhausted (HTTP 429) and waiting for its reset was not allowed: the retry bound was
/// reached, or the reset lies beyond the configured maximum wait or the time budget left.
/// </summary>
public class CarbonVoiceRateLimitException : CarbonVoiceException
{
    /// <summary>Creates the exception.</summary>
    public CarbonVoiceRateLimitException(string message, RateLimitInfo? rateLimit, TimeSpan? retryAfter, CarbonVoiceErrorDetails details)
        : base(message, details)
    {
        RateLimit = rateLimit;
        RetryAfter = retryAfter;
        ResetAt = rateLimit?.ResetAt;
    }

    /// <summary>The rate-limit headers of the last response, when it had them.</summary>
    public RateLimitInfo? RateLimit { get; }

    /// <summary>How long the service asked the client to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>When the limit resets, when known.</summary>
    public DateTimeOffset? ResetAt { get; }
}
