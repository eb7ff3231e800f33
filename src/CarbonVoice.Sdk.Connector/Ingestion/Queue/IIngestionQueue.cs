namespace CarbonVoice.Sdk.Connector;

/// <summary>Ingestion requests waiting for a worker. In-process by default; a distributed queue can implement it too.</summary>
public interface IIngestionQueue
{
    /// <summary>Queues a request. A request for a connector that already has one waiting may be merged with it (ingestion reads every change anyway).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">
    /// Cancels waiting for room in a full queue (the post-sync request gives up after <see cref="SyncOptions.IngestionEnqueueTimeout"/>).
    /// A queue that is never full should not abandon a send under way on it: the request would be lost.
    /// </param>
    ValueTask EnqueueAsync(IngestionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads requests as they arrive, until cancelled.</summary>
    /// <param name="cancellationToken">Stops reading.</param>
    IAsyncEnumerable<IngestionRequest> ReadAllAsync(CancellationToken cancellationToken = default);
}
