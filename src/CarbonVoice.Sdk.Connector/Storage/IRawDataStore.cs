namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// The raw copy of the synced Carbon Voice data, keyed by (tenant, connector, entity type, external id).
/// Implementations: <see cref="InMemoryRawDataStore"/>, the SQLite store, or BDE's own database.
/// </summary>
public interface IRawDataStore
{
    /// <summary>
    /// Writes a batch of records atomically. A record whose content hash, parent and deletion state equal the
    /// stored ones is <see cref="UpsertOutcome.Unchanged"/> and is not written (its change sequence stays);
    /// every written record gets a new, higher change sequence. Duplicate keys in one batch are applied in order.
    /// </summary>
    /// <param name="records">The records.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per input record, in input order.</returns>
    Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default);

    /// <summary>Marks records as deleted (tombstones), keeping their last payload. Missing keys are skipped; already-deleted ones are unchanged.</summary>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per key that exists.</returns>
    Task<IReadOnlyList<RawUpsertResult>> TombstoneAsync(IReadOnlyList<RawRecordKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Reads one record, or null.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default);

    /// <summary>Reads the records of a connector whose change sequence is above <paramref name="watermark"/>, ordered by it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="watermark">The last sequence already processed (0 for everything).</param>
    /// <param name="pageSize">The maximum number of records to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<RawRecordPage> ReadChangedSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Lists the records of one entity type under one parent, ordered by external id (ordinal), after <paramref name="afterExternalId"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="parentId">The parent id.</param>
    /// <param name="afterExternalId">The last id of the previous page, or null.</param>
    /// <param name="pageSize">The maximum number of records.</param>
    /// <param name="includeDeleted">Whether to include tombstones.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<RawRecord>> ListByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// What <see cref="ReadChangedSinceAsync"/> reads, without the payloads: for a reader that needs the payloads of only
    /// some records (it reads those with <see cref="GetAsync"/>). The default reads the records and drops their payloads;
    /// a store that can leave them unread should override it.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="watermark">The last sequence already processed (0 for everything).</param>
    /// <param name="pageSize">The maximum number of headers to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    async Task<RawRecordHeaderPage> ReadChangedHeadersSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
    {
        var page = await ReadChangedSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken).ConfigureAwait(false);
        return new RawRecordHeaderPage(page.Items.Select(RawRecordHeader.Of).ToList(), page.NextWatermark, page.HasMore);
    }

    /// <summary>
    /// What <see cref="ListByParentAsync"/> lists, without the payloads: for a sweep, which compares a parent's stored
    /// children with a listing of the service. The default lists the records and drops their payloads; a store that can
    /// leave them unread should override it.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="parentId">The parent id.</param>
    /// <param name="afterExternalId">The last id of the previous page, or null.</param>
    /// <param name="pageSize">The maximum number of headers.</param>
    /// <param name="includeDeleted">Whether to include tombstones.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    async Task<IReadOnlyList<RawRecordHeader>> ListHeadersByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var records = await ListByParentAsync(tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken).ConfigureAwait(false);
        return records.Select(RawRecordHeader.Of).ToList();
    }

    /// <summary>Counts the records of a connector, optionally of one entity type.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="entityType">The entity type, or null for all.</param>
    /// <param name="includeDeleted">Whether to count tombstones.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<long> CountAsync(string tenantId, string connectorId, string? entityType = null, bool includeDeleted = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every record of a connector, tombstones included, in one transaction; other connectors and tenants
    /// keep theirs. Nothing is left for <see cref="ReadChangedSinceAsync"/> to report, so purge the connector's
    /// chunks and ingestion watermark as well (<see cref="IChunkStore.PurgeAsync"/>, <see cref="ISyncStateStore.PurgeAsync"/>).
    /// Change sequences are never reused: records written afterwards still get sequences above every earlier one.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of records deleted (0 when the connector had none, so a repeated purge returns 0).</returns>
    Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default);
}
