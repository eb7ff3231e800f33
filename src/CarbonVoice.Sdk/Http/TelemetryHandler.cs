using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Opens one span per API call (endpoint, status, request id), records its duration and logs its outcome. URLs with query strings are never logged.</summary>
internal sealed class TelemetryHandler : DelegatingHandler
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TelemetryHandler(TimeProvider time, ILogger<TelemetryHandler>? logger = null)
    {
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = CarbonVoiceRequestOptions.GetEndpoint(request);
        using var activity = CarbonVoiceTelemetry.ActivitySource.StartActivity("CarbonVoice " + endpoint, ActivityKind.Client);
        activity?.SetTag("http.request.method", request.Method.Method);
        activity?.SetTag("url.template", endpoint);
        activity?.SetTag("server.address", request.RequestUri?.Host);
        var started = _time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = _time.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (response.Headers.TryGetValues("x-request-id", out var ids))
            {
                activity?.SetTag("carbonvoice.request_id", ids.FirstOrDefault());
            }

            if (!response.IsSuccessStatusCode)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            CarbonVoiceTelemetry.RequestDuration.Record(elapsed.TotalSeconds, new("url.template", endpoint), new("http.response.status_code", status));
            Log.RequestCompleted(_logger, endpoint, status, elapsed.TotalMilliseconds);
            return response;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var elapsed = _time.GetElapsedTime(started);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity?.SetTag("error.type", exception.GetType().FullName);
            CarbonVoiceTelemetry.RequestDuration.Record(elapsed.TotalSeconds, new("url.template", endpoint), new("error.type", exception.GetType().Name));
            Log.RequestFailed(_logger, endpoint, elapsed.TotalMilliseconds, exception);
            throw;
        }
    }
}
