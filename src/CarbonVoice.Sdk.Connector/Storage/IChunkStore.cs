namespace CarbonVoice.Sdk.Connector;

/// <summary>The chunks produced by ingestion, keyed by <see cref="Chunk.ChunkId"/> (deterministic from source key and index).</summary>
public interface IChunkStore
{
    /// <summary>Writes chunks atomically. A chunk whose content hash equals the stored one is unchanged and not written.</summary>
    /// <param name="chunks">The chunks.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per input chunk, in order.</returns>
    Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Deletes the chunks of a source whose index is at least <paramref name="fromIndex"/> (0 deletes them all).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="sourceKey">The source key.</param>
    /// <param name="fromIndex">The first index to delete.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of chunks deleted.</returns>
    Task<int> DeleteBySourceAsync(string tenantId, string connectorId, string sourceKey, int fromIndex = 0, CancellationToken cancellationToken = default);

    /// <summary>Reads chunks matching a query, one page at a time, ordered by source key (ordinal) and index.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="continuationToken">The token of the previous page, or null for the first.</param>
    /// <param name="pageSize">The maximum number of chunks.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ChunkPage> QueryAsync(ChunkQuery query, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Counts chunks matching a query.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<long> CountAsync(ChunkQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes every chunk of a connector in one transaction; other connectors and tenants keep theirs.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of chunks deleted (0 when the connector had none, so a repeated purge returns 0).</returns>
    Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default);
}
