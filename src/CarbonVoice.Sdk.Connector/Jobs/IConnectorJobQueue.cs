namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Where hosts put sync and ingestion jobs for workers (for example an Azure Storage Queue). Delivery is at least once: a
/// job may run more than once, which is harmless (see <see cref="ConnectorJob"/>). Receiving is the queue's own business
/// (its worker pump or a Functions trigger), which hands each job to <see cref="ConnectorJobHandler"/>.
/// </summary>
public interface IConnectorJobQueue
{
    /// <summary>Queues a job.</summary>
    /// <param name="job">The job.</param>
    /// <param name="delay">How long the job stays invisible before a worker may take it; null for at once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task EnqueueAsync(ConnectorJob job, TimeSpan? delay = null, CancellationToken cancellationToken = default);
}
