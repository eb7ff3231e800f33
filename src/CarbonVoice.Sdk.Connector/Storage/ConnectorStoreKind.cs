namespace CarbonVoice.Sdk.Connector;

/// <summary>The connector's stores, as named by <see cref="ConnectorStoreException"/>.</summary>
public enum ConnectorStoreKind
{
    /// <summary>The raw data store (<see cref="IRawDataStore"/>).</summary>
    RawData,

    /// <summary>The chunk store (<see cref="IChunkStore"/>).</summary>
    Chunks,

    /// <summary>The sync log, checkpoints and leases (<see cref="ISyncStateStore"/>).</summary>
    SyncState,
}
