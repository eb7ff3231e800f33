using CarbonVoice.Sdk.Connector;

namespace CarbonVoice.Sample.Host.Sync;

/// <summary>Reads counts from the connector's stores and purges a connector's data.</summary>
public sealed class ConnectorData(IRawDataStore raw, IChunkStore chunks)
{
    public async Task<(long Records, long Deleted, long Chunks)> CountAsync(string tenantId, string connectorId, string entityType, CancellationToken cancellationToken)
    {
        var live = await raw.CountAsync(tenantId, connectorId, entityType, includeDeleted: false, cancellationToken);
        var all = await raw.CountAsync(tenantId, connectorId, entityType, includeDeleted: true, cancellationToken);
        var chunkCount = await chunks.CountAsync(new ChunkQuery(tenantId, connectorId) { EntityType = entityType }, cancellationToken);
        return (live, all - live, chunkCount);
    }

    /// <summary>
    /// Deletes the connector's chunks and turns its raw records into tombstones. The connector package's
    /// <see cref="IRawDataStore"/> has no delete, so the raw rows remain as tombstones (flagged deleted).
    /// </summary>
    public async Task<(long RawRecords, long Chunks)> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
    {
        long chunkCount = 0;
        var sources = new HashSet<string>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var page = await chunks.QueryAsync(new ChunkQuery(tenantId, connectorId), continuation, 500, cancellationToken);
            foreach (var stored in page.Items)
            {
                sources.Add(stored.Chunk.SourceKey);
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        foreach (var source in sources)
        {
            chunkCount += await chunks.DeleteBySourceAsync(tenantId, connectorId, source, 0, cancellationToken);
        }

        long rawCount = 0;
        long watermark = 0;
        while (true)
        {
            var page = await raw.ReadChangedSinceAsync(tenantId, connectorId, watermark, 500, cancellationToken);
            if (page.Items.Count == 0)
            {
                break;
            }

            var live = page.Items.Where(r => !r.IsDeleted).Select(r => r.Key).ToList();
            if (live.Count > 0)
            {
                rawCount += (await raw.TombstoneAsync(live, cancellationToken)).Count;
            }

            watermark = page.NextWatermark;
            if (!page.HasMore)
            {
                break;
            }
        }

        return (rawCount, chunkCount);
    }
}
