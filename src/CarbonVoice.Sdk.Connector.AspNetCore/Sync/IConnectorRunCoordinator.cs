namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Starts and stops a connector's runs for the routes and webhooks. The default runs syncs and ingestions in the
/// background of this process (one of each per connector, the connector's lease guarding against other processes),
/// forwards their progress to the tenant's WebSockets and ingests after a successful sync; in queue mode
/// (<c>UseJobQueue()</c>) it queues jobs for workers instead. Replace it with <c>UseRunCoordinator&lt;T&gt;()</c>.
/// </summary>
public interface IConnectorRunCoordinator
{
    /// <summary>Starts a sync unless one is running.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="kind"><see cref="SyncKind.Full"/> or <see cref="SyncKind.Delta"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the run to be recorded.</param>
    Task<RunStartResult> StartSyncAsync(ConnectorRecord connector, SyncKind kind, CancellationToken cancellationToken = default);

    /// <summary>Starts an ingestion unless one is running.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="cancellationToken">Cancels the wait for the run to be recorded.</param>
    Task<RunStartResult> StartIngestionAsync(ConnectorRecord connector, CancellationToken cancellationToken = default);

    /// <summary>Webhook path: a delta sync of one conversation (or of everything when <paramref name="conversationId"/> is null), now or right after the running sync.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="conversationId">The conversation the webhook is about, if known.</param>
    /// <param name="cancellationToken">Cancels the wait for the start.</param>
    Task RequestDeltaAsync(ConnectorRecord connector, string? conversationId, CancellationToken cancellationToken);

    /// <summary>Cancels the connector's runs and waits for them to stop.</summary>
    /// <param name="connectorId">The connector id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task CancelAsync(string connectorId, CancellationToken cancellationToken = default);

    /// <summary>Waits until the runs of this process have stopped and recorded their end.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task WhenIdleAsync(CancellationToken cancellationToken);
}
