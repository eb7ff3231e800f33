using Microsoft.Extensions.Logging;
using Polly;
using Polly.Telemetry;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Telemetry of the SDK's resilience pipeline: Polly reports every execution attempt, a success at Information,
/// which is one <c>Polly</c> log line per request besides the SDK's own. This lowers that event to Debug for the
/// SDK's pipeline only; retries (Warning), handled attempts (Warning) and timeouts (Error) keep their severity, and
/// the host's logging configuration and other pipelines are left alone.
/// </summary>
internal static class PipelineTelemetry
{
    private const string ExecutionAttempt = "ExecutionAttempt";

    /// <summary>Enables the pipeline's telemetry on <paramref name="builder"/>, based on the host's options (listeners, enrichers, formatter, severities).</summary>
    public static void Configure(ResiliencePipelineBuilderBase builder, TelemetryOptions basis)
        => builder.ConfigureTelemetry(Options(basis));

    /// <summary>Enables the pipeline's telemetry with these loggers (the SDK without dependency injection).</summary>
    public static void Configure(ResiliencePipelineBuilderBase builder, ILoggerFactory loggers)
        => Configure(builder, new TelemetryOptions { LoggerFactory = loggers });

    public static TelemetryOptions Options(TelemetryOptions basis)
    {
        var inner = basis.SeverityProvider;
        return new TelemetryOptions(basis)
        {
            SeverityProvider = args =>
            {
                var severity = inner?.Invoke(args) ?? args.Event.Severity;
                return severity == ResilienceEventSeverity.Information && args.Event.EventName == ExecutionAttempt ? ResilienceEventSeverity.Debug : severity;
            },
        };
    }
}
