namespace CarbonVoice.Sdk.Connector;

/// <summary>An <see cref="IRawDataStore"/> whose failures are <see cref="ConnectorStoreException"/>s (see <see cref="ConnectorStoreGuard"/>).</summary>
internal sealed class GuardedRawDataStore(IRawDataStore inner) : IRawDataStore
{
    private const ConnectorStoreKind Store = ConnectorStoreKind.RawData;

    /// <summary>The guarded store (for capabilities beyond <see cref="IRawDataStore"/>, such as <see cref="ICheckpointedRawDataStore"/>).</summary>
    public IRawDataStore Inner => inner;

    public Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.UpsertAsync(records, cancellationToken));

    public Task<IReadOnlyList<RawUpsertResult>> TombstoneAsync(IReadOnlyList<RawRecordKey> keys, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.TombstoneAsync(keys, cancellationToken));

    public Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.GetAsync(key, cancellationToken));

    public Task<RawRecordPage> ReadChangedSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.ReadChangedSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken));

    public Task<IReadOnlyList<RawRecord>> ListByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.ListByParentAsync(tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken));

    public Task<RawRecordHeaderPage> ReadChangedHeadersSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.ReadChangedHeadersSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken));

    public Task<IReadOnlyList<RawRecordHeader>> ListHeadersByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.ListHeadersByParentAsync(tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken));

    public Task<long> CountAsync(string tenantId, string connectorId, string? entityType = null, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.CountAsync(tenantId, connectorId, entityType, includeDeleted, cancellationToken));

    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.PurgeAsync(tenantId, connectorId, cancellationToken));
}
