using CarbonVoice.Sdk.Connector.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonVoice.Sdk.Connector;

/// <summary>A hosted worker that runs <see cref="ICarbonVoiceIngestionService.IngestAsync(string, string, IProgress{IngestionProgress}?, CancellationToken)"/> for each queued request, one at a time.</summary>
public sealed class IngestionWorker : BackgroundService
{
    private readonly IIngestionQueue _queue;
    private readonly ICarbonVoiceIngestionService _ingestion;
    private readonly ILogger _logger;

    /// <summary>Creates the worker.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="ingestion">The ingestion service.</param>
    /// <param name="logger">The logger.</param>
    public IngestionWorker(IIngestionQueue queue, ICarbonVoiceIngestionService ingestion, ILogger<IngestionWorker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(ingestion);
        _queue = queue;
        _ingestion = ingestion;
        _logger = logger ?? NullLogger<IngestionWorker>.Instance;
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
                    Log.Busy(_logger, request.TenantId, request.ConnectorId);
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
}
