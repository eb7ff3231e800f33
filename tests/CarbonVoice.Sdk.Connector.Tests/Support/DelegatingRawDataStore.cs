namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>A raw store that passes every call to <paramref name="inner"/>; a test store overrides the calls it watches or breaks.</summary>
public abstract class DelegatingRawDataStore(IRawDataStore inner) : IRawDataStore
{
    public virtual Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default) => inner.UpsertAsync(records, cancellationToken);

    public virtual Task<IReadOnlyList<RawUpsertResult>> TombstoneAsync(IReadOnlyList<RawRecordKey> keys, CancellationToken cancellationToken = default) => inner.TombstoneAsync(keys, cancellationToken);

    public virtual Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public virtual Task<RawRecordPage> ReadChangedSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        => inner.ReadChangedSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken);

    public virtual Task<IReadOnlyList<RawRecord>> ListByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => inner.ListByParentAsync(tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken);

    public virtual Task<RawRecordHeaderPage> ReadChangedHeadersSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        => inner.ReadChangedHeadersSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken);

    public virtual Task<IReadOnlyList<RawRecordHeader>> ListHeadersByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => inner.ListHeadersByParentAsync(tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken);

    public virtual Task<long> CountAsync(string tenantId, string connectorId, string? entityType = null, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => inner.CountAsync(tenantId, connectorId, entityType, includeDeleted, cancellationToken);

    public virtual Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.PurgeAsync(tenantId, connectorId, cancellationToken);
}
