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
