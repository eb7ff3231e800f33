namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>Delegates to a store and cancels a token right after the n-th write (a page boundary) was confirmed, or just before it.</summary>
public sealed class CancellingRawDataStore(IRawDataStore inner, int cancelAfterWrite, CancellationTokenSource cancellation, bool beforeWrite = false) : IRawDataStore
{
    private int _writes;

    public int Writes => _writes;

    public async Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _writes);
        if (beforeWrite && n == cancelAfterWrite)
        {
            await cancellation.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var result = await inner.UpsertAsync(records, cancellationToken);
        if (!beforeWrite && n == cancelAfterWrite)
        {
            await cancellation.CancelAsync();
        }

        return result;
    }

    public Task<IReadOnlyList<RawUpsertResult>> TombstoneAsync(IReadOnlyList<RawRecordKey> keys, CancellationToken cancellationToken = default) => inner.TombstoneAsync(keys, cancellationToken);

    public Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public Task<RawRecordPage> ReadChangedSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        => inner.ReadChangedSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken);

    public Task<IReadOnlyList<RawRecord>> ListByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => inner.ListByParentAsync(tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken);

    public Task<long> CountAsync(string tenantId, string connectorId, string? entityType = null, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => inner.CountAsync(tenantId, connectorId, entityType, includeDeleted, cancellationToken);

    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.PurgeAsync(tenantId, connectorId, cancellationToken);
}
