namespace CarbonVoice.Sdk.Connector.AzureQueues;

/// <summary>
/// The connector's <see cref="IIngestionQueue"/> on the job queue: a finished sync's ingestion request becomes an ingestion
/// <see cref="ConnectorJob"/> that any worker may run. Reading is the workers' (<see cref="AzureQueueJobProcessor"/>, a Functions
/// trigger), which delete a message only after its run is recorded; so the in-process <c>IngestionWorker</c> is not used with it.
/// </summary>
public sealed class AzureIngestionQueue : IIngestionQueue
{
    private readonly IConnectorJobQueue _jobs;
    private readonly TimeProvider _time;

    /// <summary>Creates the queue.</summary>
    /// <param name="jobs">The job queue.</param>
    /// <param name="timeProvider">The clock (the job's queue time when the request has none).</param>
    public AzureIngestionQueue(IConnectorJobQueue jobs, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        _jobs = jobs;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Sends the request as an ingestion job. The job queue is never full, so there is no wait for room for
    /// <paramref name="cancellationToken"/> to cancel: a send under way is finished (bounded by the queue client's own retry
    /// policy), because abandoning it halfway would lose the finished sync's ingestion (the sync job is acknowledged once
    /// its run is recorded). A send that fails throws, and the sync job is then delivered again.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Not used for the send (see above).</param>
    public async ValueTask EnqueueAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = ConnectorJob.Ingestion(request.TenantId, request.ConnectorId, request.RequestedAt == default ? _time.GetUtcNow() : request.RequestedAt) with { CorrelationId = request.CorrelationId };
        await _jobs.EnqueueAsync(job, cancellationToken: CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Not supported: workers read the job queue with <see cref="AzureQueueJobProcessor"/> (or a Functions trigger), which acknowledges each job only after its run is recorded.</summary>
    /// <param name="cancellationToken">Unused.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public IAsyncEnumerable<IngestionRequest> ReadAllAsync(CancellationToken cancellationToken = default)
        => throw new NotSupportedException("Ingestion jobs on Azure Storage Queues are read by AzureQueueJobProcessor or an Azure Functions queue trigger (AzureQueueTriggerHandler), not by the in-process IngestionWorker: set RunIngestionWorker = false.");
}
