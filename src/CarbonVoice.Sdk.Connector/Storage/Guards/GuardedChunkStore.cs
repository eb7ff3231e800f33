namespace CarbonVoice.Sdk.Connector;

/// <summary>An <see cref="IChunkStore"/> whose failures are <see cref="ConnectorStoreException"/>s (see <see cref="ConnectorStoreGuard"/>).</summary>
internal sealed class GuardedChunkStore(IChunkStore inner) : IChunkStore
{
    private const ConnectorStoreKind Store = ConnectorStoreKind.Chunks;

    public Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.UpsertAsync(chunks, cancellationToken));

    public Task<int> DeleteBySourceAsync(string tenantId, string connectorId, string sourceKey, int fromIndex = 0, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.DeleteBySourceAsync(tenantId, connectorId, sourceKey, fromIndex, cancellationToken));

    public Task<ChunkPage> QueryAsync(ChunkQuery query, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.QueryAsync(query, continuationToken, pageSize, cancellationToken));

    public Task<long> CountAsync(ChunkQuery query, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.CountAsync(query, cancellationToken));

    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.PurgeAsync(tenantId, connectorId, cancellationToken));
}
