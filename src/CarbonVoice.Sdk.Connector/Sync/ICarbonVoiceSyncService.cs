namespace CarbonVoice.Sdk.Connector;

/// <summary>Syncs a connected Carbon Voice account into the raw data store.</summary>
public interface ICarbonVoiceSyncService
{
    /// <summary>
    /// Runs a full or delta sync with a client for the connector's connection. Holds the connector's lease for the
    /// whole run, records the run in the sync log and reports progress. Item and conversation failures are recorded
    /// and the rest continues; an expired token ends the run with status <see cref="SyncRunStatus.Expired"/>.
    /// </summary>
    /// <param name="client">The SDK client of the connection.</param>
    /// <param name="request">What to sync.</param>
    /// <param name="progress">Receives progress events (called synchronously from the sync; keep it fast).</param>
    /// <param name="cancellationToken">Cancels the run; checkpoints keep the progress made.</param>
    /// <returns>The final run record.</returns>
    /// <exception cref="ConnectorBusyException">Another sync of the connector is running.</exception>
    Task<SyncRun> SyncAsync(ICarbonVoiceClient client, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a sync with a client from <see cref="ICarbonVoiceClientFactory"/> for connection <see cref="SyncRequest.ConnectorId"/>.</summary>
    /// <param name="request">What to sync.</param>
    /// <param name="progress">Receives progress events.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="InvalidOperationException">No client factory is registered.</exception>
    Task<SyncRun> SyncAsync(SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The entity types a connector syncs: its saved setting, or the defaults of <see cref="CarbonVoiceEntities"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlySet<string>> GetEnabledEntitiesAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default);

    /// <summary>Saves the entity types a connector syncs.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="entityKeys">Keys of <see cref="CarbonVoiceEntities"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">An unknown key.</exception>
    Task SetEnabledEntitiesAsync(string tenantId, string connectorId, IEnumerable<string> entityKeys, CancellationToken cancellationToken = default);
}
