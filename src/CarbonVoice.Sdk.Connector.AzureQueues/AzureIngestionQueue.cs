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

    /// <inheritdoc />
    public async ValueTask EnqueueAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = ConnectorJob.Ingestion(request.TenantId, request.ConnectorId, request.RequestedAt == default ? _time.GetUtcNow() : request.RequestedAt) with { CorrelationId = request.CorrelationId };
        await _jobs.EnqueueAsync(job, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Not supported: workers read the job queue with <see cref="AzureQueueJobProcessor"/> (or a Functions trigger), which acknowledges each job only after its run is recorded.</summary>
    /// <param name="cancellationToken">Unused.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public IAsyncEnumerable<IngestionRequest> ReadAllAsync(CancellationToken cancellationToken = default)
        => throw new NotSupportedException("Ingestion jobs on Azure Storage Queues are read by AzureQueueJobProcessor or an Azure Functions queue trigger (AzureQueueTriggerHandler), not by the in-process IngestionWorker: set RunIngestionWorker = false.");
}
