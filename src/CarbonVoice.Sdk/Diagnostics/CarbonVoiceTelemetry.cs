using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CarbonVoice.Sdk;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>CarbonVoice.Sdk</c>: add that
/// name to OpenTelemetry's tracing and metrics and the SDK's spans and instruments appear with no other code.
/// </summary>
public static class CarbonVoiceTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "CarbonVoice.Sdk";

    /// <summary>The activity source: one span per API request (endpoint, status, request id).</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(CarbonVoiceTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>The meter of the SDK's instruments.</summary>
    public static readonly Meter Meter = new(Name, typeof(CarbonVoiceTelemetry).Assembly.GetName().Version?.ToString(3));

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "carbonvoice.client.request.duration", "s", "Duration of Carbon Voice API calls, retries and waits included.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "carbonvoice.client.retries", "{retry}", "Retries of transient faults.");

    internal static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>(
        "carbonvoice.client.rate_limit.waits", "{wait}", "Waits for a rate-limit reset (after 429 or when Remaining reached 0).");

    internal static readonly Histogram<double> RateLimitWaitDuration = Meter.CreateHistogram<double>(
        "carbonvoice.client.rate_limit.wait.duration", "s", "Time spent waiting for rate-limit resets.");

    internal static readonly Counter<long> TokenRefreshes = Meter.CreateCounter<long>(
        "carbonvoice.client.token.refreshes", "{refresh}", "OAuth token refreshes sent to the token endpoint.");
}
