using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Records the rate-limit headers of every response, holds requests while <c>Remaining</c> is 0 until the reset,
/// and retries a 429 after <c>Retry-After</c> (or the reset) up to <see cref="CarbonVoiceRateLimitOptions.MaxRetries"/>.
/// A wait longer than <see cref="CarbonVoiceRateLimitOptions.MaxWait"/> or than the time budget left throws
/// <see cref="CarbonVoiceRateLimitException"/> at once instead of ending as a timeout.
/// </summary>
internal sealed class RateLimitHandler : DelegatingHandler
{
    private readonly RateLimitTracker _tracker;
    private readonly IOptionsMonitor<CarbonVoiceOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RateLimitHandler(RateLimitTracker tracker, IOptionsMonitor<CarbonVoiceOptions> options, TimeProvider time, ILogger<RateLimitHandler>? logger = null)
    {
        _tracker = tracker;
        _options = options;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        if (CarbonVoiceRequestOptions.IsExternal(request))
        {
            // A file host's answer says nothing about the connection's Carbon Voice limits; the call's budget still applies.
            var budgetEnd = _time.GetUtcNow() + options.Timeout;
            request.Options.Set(CarbonVoiceRequestOptions.RemainingBudget, () => budgetEnd - _time.GetUtcNow());
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var policy = options.RateLimit;
        var connectionId = CarbonVoiceRequestOptions.GetConnectionId(request);
        var endpoint = CarbonVoiceRequestOptions.GetEndpoint(request);
        var deadline = _time.GetUtcNow() + options.Timeout;

        // One budget for the whole call: the resilience pipeline's total timeout of each pass is what is left of it.
        request.Options.Set(CarbonVoiceRequestOptions.RemainingBudget, () => deadline - _time.GetUtcNow());
        for (var attempt = 0; ; attempt++)
        {
            if (policy.WaitWhenExhausted && _tracker.Get(connectionId) is { Remaining: <= 0, ResetAt: { } reset } exhausted)
            {
                var wait = reset - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    EnsureWaitAllowed(wait, deadline, policy, endpoint, exhausted, null);
                    await WaitAsync(wait, endpoint, attempt, cancellationToken).ConfigureAwait(false);
                }
            }

            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var info = RateLimitInfo.FromHeaders(response, now);
            if (info is not null)
            {
                _tracker.Record(connectionId, info);
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            var retryAfter = ErrorResponseMapper.RetryAfter(response) ?? (info?.ResetAt - now) ?? policy.DefaultRetryAfter;
            if (retryAfter < TimeSpan.Zero)
            {
                retryAfter = TimeSpan.Zero;
            }

            if (attempt >= policy.MaxRetries || retryAfter > policy.MaxWait || now + retryAfter > deadline)
            {
                using (response)
                {
                    var body = await RequestSecrets.ScrubAsync(request, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    var error = ErrorResponseMapper.Map(HttpStatusCode.TooManyRequests, endpoint, body, response, info);
                    var reason = attempt >= policy.MaxRetries
                        ? $"after {attempt} retries"
                        : $"the reset is {retryAfter.TotalSeconds:0.#} s away, beyond the wait allowed";
                    throw new CarbonVoiceRateLimitException(
                        $"{error.Message} Rate limit exhausted ({reason}).",
                        info,
                        retryAfter,
                        new CarbonVoiceErrorDetails(error.StatusCode, endpoint, error.RequestId, error.ErrorMessage, error.ErrorCode, error.ResponseBodyExcerpt));
                }
            }

            response.Dispose();
            await WaitAsync(retryAfter, endpoint, attempt + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    private void EnsureWaitAllowed(TimeSpan wait, DateTimeOffset deadline, CarbonVoiceRateLimitOptions policy, string endpoint, RateLimitInfo info, string? body)
    {
        if (wait <= policy.MaxWait && _time.GetUtcNow() + wait <= deadline)
        {
            return;
        }

        throw new CarbonVoiceRateLimitException(
            $"Carbon Voice {endpoint} was not sent: the rate limit is exhausted until {info.ResetAt:O}, beyond the wait allowed.",
            info,
            wait,
            new CarbonVoiceErrorDetails(HttpStatusCode.TooManyRequests, endpoint, ResponseBodyExcerpt: body));
    }

    private async Task WaitAsync(TimeSpan wait, string endpoint, int attempt, CancellationToken cancellationToken)
    {
        Log.WaitingForRateLimit(_logger, endpoint, wait.TotalMilliseconds, attempt);
        CarbonVoiceTelemetry.RateLimitWaits.Add(1);
        CarbonVoiceTelemetry.RateLimitWaitDuration.Record(wait.TotalSeconds);
        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
    }
}
