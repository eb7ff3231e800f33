namespace CarbonVoice.Sdk.Connector;

/// <summary>Turns the raw records of a connector that changed since the last ingestion into chunks.</summary>
public interface ICarbonVoiceIngestionService
{
    /// <summary>
    /// Reads the raw records changed since the connector's ingestion watermark and writes their chunks: a changed
    /// source writes its new chunks before deleting its extra old ones, a tombstone removes its chunks, unchanged
    /// chunks are not written. Bad records are quarantined (recorded in the run) and never stop the rest.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="cancellationToken">Cancels the run; the watermark keeps the progress already made.</param>
    /// <returns>The ingestion run record (kind <see cref="SyncKind.Ingestion"/>), also saved in the sync log.</returns>
    /// <exception cref="ConnectorBusyException">Another ingestion of the connector is running.</exception>
    Task<SyncRun> IngestAsync(string tenantId, string connectorId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the raw records changed since the connector's ingestion watermark and writes their chunks, reporting progress
    /// as it goes (see <see cref="IngestAsync(string, string, CancellationToken)"/>).
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="progress">Receives progress events: records read, chunks written and deleted; the last one has phase <see cref="IngestionPhase.Completed"/>.</param>
    /// <param name="cancellationToken">Cancels the run; the watermark keeps the progress already made.</param>
    /// <returns>The ingestion run record (kind <see cref="SyncKind.Ingestion"/>), also saved in the sync log.</returns>
    /// <exception cref="ConnectorBusyException">Another ingestion of the connector is running.</exception>
    Task<SyncRun> IngestAsync(string tenantId, string connectorId, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default);
}
