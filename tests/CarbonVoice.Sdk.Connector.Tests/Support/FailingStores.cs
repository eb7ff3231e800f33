using Microsoft.Data.Sqlite;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>Stores whose writes start failing as a full SQLite database does (the real exception type and text).</summary>
public static class FailingStores
{
    public static SqliteException DiskFull() => new("SQLite Error 13: 'database or disk is full'.", 13);

    /// <summary>A raw store whose writes fail from the <paramref name="failFrom"/>-th on.</summary>
    public sealed class Raw(IRawDataStore inner, int failFrom) : DelegatingRawDataStore(inner)
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public override Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref _writes) >= failFrom ? throw DiskFull() : base.UpsertAsync(records, cancellationToken);
    }

    /// <summary>A chunk store whose writes always fail.</summary>
    public sealed class Chunks(IChunkStore inner) : IChunkStore
    {
        public Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default) => throw DiskFull();

        public Task<int> DeleteBySourceAsync(string tenantId, string connectorId, string sourceKey, int fromIndex = 0, CancellationToken cancellationToken = default) => throw DiskFull();

        public Task<ChunkPage> QueryAsync(ChunkQuery query, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default)
            => inner.QueryAsync(query, continuationToken, pageSize, cancellationToken);

        public Task<long> CountAsync(ChunkQuery query, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);

        public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.PurgeAsync(tenantId, connectorId, cancellationToken);
    }
}
