using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Builds the handler chains for use without dependency injection, in the order the DI registration uses:
/// telemetry → rate limits → resilience → body buffering → authentication → transport (the OAuth chain has no
/// rate-limit or authentication handler). The transport the SDK builds (<see cref="PrimaryHandlers"/>) decompresses
/// gzip, deflate and Brotli; a caller's handler is used as given.
/// </summary>
internal static class CarbonVoicePipeline
{
    public static HttpMessageHandler BuildApi(IOptionsMonitor<CarbonVoiceOptions> options, IAccessTokenProvider? tokens, RateLimitTracker tracker, HttpMessageHandler? primary, TimeProvider time, ILoggerFactory? loggers)
        => Chain(
            primary,
            new TelemetryHandler(time, loggers?.CreateLogger<TelemetryHandler>()),
            new RateLimitHandler(tracker, options, time, loggers?.CreateLogger<RateLimitHandler>()),
            new ResilienceHandler(Resilience(options.CurrentValue, time, loggers)),
            new ResponseBufferingHandler(),
            new AuthenticationHandler(tokens, options, loggers?.CreateLogger<AuthenticationHandler>()));

    public static HttpMessageHandler BuildOAuth(IOptionsMonitor<CarbonVoiceOptions> options, HttpMessageHandler? primary, TimeProvider time, ILoggerFactory? loggers)
        => Chain(
            primary,
            new TelemetryHandler(time, loggers?.CreateLogger<TelemetryHandler>()),
            new ResilienceHandler(Resilience(options.CurrentValue, time, loggers)),
            new ResponseBufferingHandler());

    private static ResiliencePipeline<HttpResponseMessage> Resilience(CarbonVoiceOptions options, TimeProvider time, ILoggerFactory? loggers)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (loggers is not null)
        {
            // As with dependency injection: retries log at Warning, successful attempts at Debug.
            PipelineTelemetry.Configure(builder, loggers);
        }

        CarbonVoiceResilience.ConfigureDefaultPipeline(builder, options);
        return builder.Build();
    }

    private static HttpMessageHandler Chain(HttpMessageHandler? primary, params DelegatingHandler[] handlers)
    {
        HttpMessageHandler inner = primary is null ? PrimaryHandlers.Create() : new NonDisposingHandler(primary);
        for (var i = handlers.Length - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        return inner;
    }
}
