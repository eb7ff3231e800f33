using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Records the rate-limit headers of every response, paces each connection's requests so that its concurrent calls share
/// the <c>Remaining</c> budget up to the reset (<see cref="RateLimitPacer"/>; requests beyond it are held until the reset),
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
        var pacer = policy.WaitWhenExhausted ? _tracker.Pacer(connectionId) : null;
        for (var attempt = 0; ; attempt++)
        {
            // One budget per connection, shared by its concurrent calls: wait for this request's slot.
            var slot = pacer?.Reserve(_time.GetUtcNow());
            if (slot is { Wait: var wait } && wait > TimeSpan.Zero)
            {
                try
                {
                    EnsureWaitAllowed(wait, deadline, policy, endpoint, _tracker.Get(connectionId));
                    await WaitAsync(wait, endpoint, attempt, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    slot.Cancel();
                    throw;
                }
            }

            HttpResponseMessage response;
            slot?.Sent();
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                slot?.Complete(null);
                throw;
            }

            var now = _time.GetUtcNow();
            var info = RateLimitInfo.FromHeaders(response, now);
            if (info is not null)
            {
                _tracker.Record(connectionId, info);
            }

            slot?.Complete(info);
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

    private void EnsureWaitAllowed(TimeSpan wait, DateTimeOffset deadline, CarbonVoiceRateLimitOptions policy, string endpoint, RateLimitInfo? info)
    {
        if (wait <= policy.MaxWait && _time.GetUtcNow() + wait <= deadline)
        {
            return;
        }

        var reset = info?.ResetAt is { } resetAt ? $" (the limit resets at {resetAt:O})" : string.Empty;
        throw new CarbonVoiceRateLimitException(
            $"Carbon Voice {endpoint} was not sent: its turn under the rate limit is {wait.TotalSeconds:0.#} s away{reset}, beyond the wait allowed.",
            info,
            wait,
            new CarbonVoiceErrorDetails(HttpStatusCode.TooManyRequests, endpoint));
    }

    private async Task WaitAsync(TimeSpan wait, string endpoint, int attempt, CancellationToken cancellationToken)
    {
        Log.WaitingForRateLimit(_logger, endpoint, wait.TotalMilliseconds, attempt);
        CarbonVoiceTelemetry.RateLimitWaits.Add(1);
        CarbonVoiceTelemetry.RateLimitWaitDuration.Record(wait.TotalSeconds);
        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
    }
}
