using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace CarbonVoice.Sdk;

/// <summary>
/// The SDK's resilience pipeline (Microsoft.Extensions.Http.Resilience): a total timeout, retries of transient
/// faults (408, 500, 502, 503, 504, connection errors, attempt timeouts) for idempotent requests only, and an
/// attempt timeout. 429 is left to the SDK's rate-limit handler. Registered under <see cref="PipelineName"/>;
/// replace it with <c>ICarbonVoiceBuilder.ConfigureResilience</c>.
/// </summary>
public static class CarbonVoiceResilience
{
    /// <summary>The name of the resilience handler on the API client.</summary>
    public const string PipelineName = "carbonvoice";

    /// <summary>Adds the default strategies to a pipeline builder.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The SDK options (timeouts and retry settings).</param>
    public static void ConfigureDefaultPipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, CarbonVoiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            // The whole call's budget: after a rate-limit wait, a new pass gets only the time that is left.
            TimeoutGenerator = args => ValueTask.FromResult(RemainingBudget(args.Context) ?? options.Timeout),
        });
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, args.Context) && !WaitTooLong(args.Outcome, args.Context, options)),
                OnRetry = args =>
                {
                    CarbonVoiceTelemetry.Retries.Add(1);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// Whether a <c>Retry-After</c> on a transient fault asks for a longer wait than allowed (<see cref="CarbonVoiceRateLimitOptions.MaxWait"/>)
    /// or than the call's time left: then the fault is surfaced at once instead of ending as a timeout.
    /// </summary>
    private static bool WaitTooLong(Outcome<HttpResponseMessage> outcome, ResilienceContext context, CarbonVoiceOptions options)
    {
        if (Internal.ErrorResponseMapper.RetryAfter(outcome.Result) is not { } retryAfter)
        {
            return false;
        }

        return retryAfter > options.RateLimit.MaxWait || retryAfter >= (RemainingBudget(context) ?? options.Timeout);
    }

    /// <summary>The time left of the call's budget, as the rate-limit handler recorded it on the request (never below 1 ms).</summary>
    private static TimeSpan? RemainingBudget(ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        if (request is null || !request.Options.TryGetValue(Internal.CarbonVoiceRequestOptions.RemainingBudget, out var remaining))
        {
            return null;
        }

        var left = remaining();
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Whether an outcome is a transient fault of an idempotent request (the SDK's retry predicate).</summary>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <param name="context">The resilience context of the request.</param>
    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetRequestMessage();
        if (request is null || !Internal.CarbonVoiceRequestOptions.IsIdempotent(request))
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        return outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
    }
}
