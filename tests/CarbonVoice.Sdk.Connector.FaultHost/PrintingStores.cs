namespace CarbonVoice.Sdk.Connector.FaultHost;

/// <summary>A raw store that prints a line after every committed write.</summary>
internal sealed class PrintingRawDataStore(IRawDataStore inner, LineWriter output) : IRawDataStore
{
    public async Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
    {
        var results = await inner.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
        output.Line($"raw-write {records.Count}");
        return results;
    }

    public async Task<IReadOnlyList<RawUpsertResult>> TombstoneAsync(IReadOnlyList<RawRecordKey> keys, CancellationToken cancellationToken = default)
    {
        var results = await inner.TombstoneAsync(keys, cancellationToken).ConfigureAwait(false);
        output.Line($"raw-tombstone {keys.Count}");
        return results;
    }

    public Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public Task<RawRecordPage> ReadChangedSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        => inner.ReadChangedSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken);

    public Task<RawRecordHeaderPage> ReadChangedHeadersSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        => inner.ReadChangedHeadersSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken);

    public Task<IReadOnlyList<RawRecordHeader>> ListHeadersByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => inner.ListHeadersByParentAsync(tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken);

    public Task<IReadOnlyList<RawRecord>> ListByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => inner.ListByParentAsync(tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken);

    public Task<long> CountAsync(string tenantId, string connectorId, string? entityType = null, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => inner.CountAsync(tenantId, connectorId, entityType, includeDeleted, cancellationToken);

    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.PurgeAsync(tenantId, connectorId, cancellationToken);
}

/// <summary>A chunk store that prints a line after every committed write.</summary>
internal sealed class PrintingChunkStore(IChunkStore inner, LineWriter output) : IChunkStore
{
    public async Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        var outcomes = await inner.UpsertAsync(chunks, cancellationToken).ConfigureAwait(false);
        output.Line($"chunk-write {chunks.Count}");
        return outcomes;
    }

    public async Task<int> DeleteBySourceAsync(string tenantId, string connectorId, string sourceKey, int fromIndex = 0, CancellationToken cancellationToken = default)
    {
        var deleted = await inner.DeleteBySourceAsync(tenantId, connectorId, sourceKey, fromIndex, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            output.Line($"chunk-delete {deleted}");
        }

        return deleted;
    }

    public Task<ChunkPage> QueryAsync(ChunkQuery query, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default)
        => inner.QueryAsync(query, continuationToken, pageSize, cancellationToken);

    public Task<long> CountAsync(ChunkQuery query, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);

    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.PurgeAsync(tenantId, connectorId, cancellationToken);
}
