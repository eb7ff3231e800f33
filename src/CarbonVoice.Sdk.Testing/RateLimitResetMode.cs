namespace CarbonVoice.Sdk.Testing;

/// <summary>How the emulator expresses <c>X-RateLimit-Reset</c> (the real service's meaning is undocumented).</summary>
public enum RateLimitResetMode
{
    /// <summary>Seconds from now until the bucket is full again.</summary>
    SecondsFromNow,

    /// <summary>Unix epoch seconds at which the bucket is full again.</summary>
    EpochSeconds,
}
