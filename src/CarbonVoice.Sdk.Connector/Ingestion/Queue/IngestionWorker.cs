using CarbonVoice.Sdk.Connector.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector;

/// <summary>A hosted worker that runs <see cref="ICarbonVoiceIngestionService.IngestAsync(string, string, IProgress{IngestionProgress}?, CancellationToken)"/> for each queued request, one at a time.</summary>
public sealed class IngestionWorker : BackgroundService
{
    private readonly IIngestionQueue _queue;
    private readonly ICarbonVoiceIngestionService _ingestion;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _busyRetryDelay;

    /// <summary>Creates the worker.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="ingestion">The ingestion service.</param>
    /// <param name="logger">The logger.</param>
    public IngestionWorker(IIngestionQueue queue, ICarbonVoiceIngestionService ingestion, ILogger<IngestionWorker>? logger = null)
        : this(queue, ingestion, logger, null, null)
    {
    }

    /// <summary>Creates the worker.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="ingestion">The ingestion service.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="timeProvider">The clock that times the retry of a request refused because another run held the lease.</param>
    /// <param name="options">The ingestion options (<see cref="IngestionOptions.BusyRetryDelay"/>).</param>
    [ActivatorUtilitiesConstructor]
    public IngestionWorker(IIngestionQueue queue, ICarbonVoiceIngestionService ingestion, ILogger<IngestionWorker>? logger, TimeProvider? timeProvider, IOptions<IngestionOptions>? options)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(ingestion);
        _queue = queue;
        _ingestion = ingestion;
        _logger = logger ?? NullLogger<IngestionWorker>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _busyRetryDelay = options?.Value.BusyRetryDelay ?? new IngestionOptions().BusyRetryDelay;
    }

    /// <summary>Raised after each processed request with its run record (for progress forwarding and tests).</summary>
    public event EventHandler<SyncRun>? RunCompleted;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var run = await _ingestion.IngestAsync(request.TenantId, request.ConnectorId, stoppingToken).ConfigureAwait(false);
                    RunCompleted?.Invoke(this, run);
                }
                catch (ConnectorBusyException)
                {
                    // Another run holds the lease: the changes it did not see are ingested by this request, queued again later.
                    Log.BusyRequeued(_logger, request.TenantId, request.ConnectorId, _busyRetryDelay);
                    _ = RequeueLaterAsync(request, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.WorkerFailed(_logger, ex, request.TenantId, request.ConnectorId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RequeueLaterAsync(IngestionRequest request, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_busyRetryDelay, _time, stoppingToken).ConfigureAwait(false);
            await _queue.EnqueueAsync(request with { RequestedAt = _time.GetUtcNow() }, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.RequeueFailed(_logger, ex, request.TenantId, request.ConnectorId);
        }
    }
}
