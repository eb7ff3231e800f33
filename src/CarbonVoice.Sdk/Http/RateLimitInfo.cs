using System.Globalization;

namespace CarbonVoice.Sdk;

/// <summary>The rate-limit headers of a response.</summary>
/// <param name="Limit"><c>X-RateLimit-Limit</c>: requests allowed in the window.</param>
/// <param name="Remaining"><c>X-RateLimit-Remaining</c>: requests left in the window.</param>
/// <param name="ResetAt">When the window resets, from <c>X-RateLimit-Reset</c> (epoch seconds when above 10^9, otherwise seconds from <paramref name="ObservedAt"/>).</param>
/// <param name="ObservedAt">When the response was received.</param>
public sealed record RateLimitInfo(int? Limit, int? Remaining, DateTimeOffset? ResetAt, DateTimeOffset ObservedAt)
{
    private const long EpochThreshold = 1_000_000_000;

    /// <summary>Reads the rate-limit headers of a response; null when it has none.</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The time the response was received.</param>
    public static RateLimitInfo? FromHeaders(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var limit = ReadInt(response, "X-RateLimit-Limit");
        var remaining = ReadInt(response, "X-RateLimit-Remaining");
        var reset = ReadReset(response, now);
        return limit is null && remaining is null && reset is null ? null : new RateLimitInfo(limit, remaining, reset, now);
    }

    /// <summary>Interprets an <c>X-RateLimit-Reset</c> value: epoch seconds when above 10^9, otherwise seconds from <paramref name="now"/>.</summary>
    public static DateTimeOffset ParseReset(double value, DateTimeOffset now)
        => value > EpochThreshold
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000))
            : now + TimeSpan.FromSeconds(Math.Max(0, value));

    private static DateTimeOffset? ReadReset(HttpResponseMessage response, DateTimeOffset now)
    {
        var text = First(response, "X-RateLimit-Reset");
        return text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? ParseReset(value, now)
            : null;
    }

    private static int? ReadInt(HttpResponseMessage response, string name)
        => First(response, name) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? First(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
