
namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Reads counts from the connector's stores and purges a connector's data.</summary>
internal sealed class ConnectorData(IRawDataStore raw, IChunkStore chunks, ISyncStateStore state)
{
    /// <summary>Counts an entity's records, deleted records and chunks.</summary>
    public async Task<(long Records, long Deleted, long Chunks)> CountAsync(string tenantId, string connectorId, string entityType, CancellationToken cancellationToken)
    {
        var live = await raw.CountAsync(tenantId, connectorId, entityType, includeDeleted: false, cancellationToken);
        var all = await raw.CountAsync(tenantId, connectorId, entityType, includeDeleted: true, cancellationToken);
        var chunkCount = await chunks.CountAsync(new ChunkQuery(tenantId, connectorId) { EntityType = entityType }, cancellationToken);
        return (live, all - live, chunkCount);
    }

    /// <summary>
    /// Deletes everything the connector stored: its raw records (tombstones included), its chunks, and its sync
    /// checkpoints and ingestion watermark, so a reconnected connector starts over with a full sync. The sync log is kept.
    /// </summary>
    public async Task<(int RawRecords, int Chunks, int Checkpoints)> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
    {
        var rawCount = await raw.PurgeAsync(tenantId, connectorId, cancellationToken);
        var chunkCount = await chunks.PurgeAsync(tenantId, connectorId, cancellationToken);
        var checkpointCount = await state.PurgeAsync(tenantId, connectorId, cancellationToken);
        return (rawCount, chunkCount, checkpointCount);
    }
}
