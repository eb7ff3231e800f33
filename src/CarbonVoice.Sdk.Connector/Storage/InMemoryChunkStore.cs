namespace CarbonVoice.Sdk.Connector;

/// <summary>An <see cref="IChunkStore"/> in process memory.</summary>
public sealed class InMemoryChunkStore : IChunkStore
{
    private readonly Dictionary<string, StoredChunk> _chunks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="timeProvider">The clock.</param>
    public InMemoryChunkStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        cancellationToken.ThrowIfCancellationRequested();
        var outcomes = new List<UpsertOutcome>(chunks.Count);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var chunk in chunks)
            {
                ArgumentNullException.ThrowIfNull(chunk);
                if (_chunks.TryGetValue(chunk.ChunkId, out var existing))
                {
                    if (existing.Chunk.ContentHash == chunk.ContentHash)
                    {
                        outcomes.Add(UpsertOutcome.Unchanged);
                        continue;
                    }

                    _chunks[chunk.ChunkId] = new StoredChunk(chunk, existing.CreatedAt, now);
                    outcomes.Add(UpsertOutcome.Changed);
                }
                else
                {
                    _chunks[chunk.ChunkId] = new StoredChunk(chunk, now, now);
                    outcomes.Add(UpsertOutcome.New);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<UpsertOutcome>>(outcomes);
    }

    /// <inheritdoc />
    public Task<int> DeleteBySourceAsync(string tenantId, string connectorId, string sourceKey, int fromIndex = 0, CancellationToken cancellationToken = default)
        => DeleteWhere(c => c.TenantId == tenantId && c.ConnectorId == connectorId && c.SourceKey == sourceKey && c.Index >= fromIndex, cancellationToken);

    /// <inheritdoc />
    public Task<ChunkPage> QueryAsync(ChunkQuery query, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        (string SourceKey, int Index)? after = continuationToken is null ? null : ChunkContinuation.Decode(continuationToken);
        lock (_gate)
        {
            var page = Matching(query)
                .Where(c => after is null || IsAfter(c.Chunk, after.Value))
                .OrderBy(c => c.Chunk.SourceKey, StringComparer.Ordinal)
                .ThenBy(c => c.Chunk.Index)
                .Take(pageSize + 1)
                .ToList();
            var hasMore = page.Count > pageSize;
            if (hasMore)
            {
                page.RemoveAt(page.Count - 1);
            }

            var token = hasMore ? ChunkContinuation.Encode(page[^1].Chunk.SourceKey, page[^1].Chunk.Index) : null;
            return Task.FromResult(new ChunkPage(page, token));
        }
    }

    /// <inheritdoc />
    public Task<long> CountAsync(ChunkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult((long)Matching(query).Count());
        }
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => DeleteWhere(c => c.TenantId == tenantId && c.ConnectorId == connectorId, cancellationToken);

    private static bool IsAfter(Chunk chunk, (string SourceKey, int Index) after)
    {
        var order = string.CompareOrdinal(chunk.SourceKey, after.SourceKey);
        return order > 0 || (order == 0 && chunk.Index > after.Index);
    }

    private Task<int> DeleteWhere(Func<Chunk, bool> predicate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doomed = _chunks.Values.Where(c => predicate(c.Chunk)).Select(c => c.Chunk.ChunkId).ToList();
            foreach (var id in doomed)
            {
                _chunks.Remove(id);
            }

            return Task.FromResult(doomed.Count);
        }
    }

    private IEnumerable<StoredChunk> Matching(ChunkQuery query)
        => _chunks.Values.Where(c => c.Chunk.TenantId == query.TenantId && c.Chunk.ConnectorId == query.ConnectorId
            && (query.Pillar is null || c.Chunk.Pillar == query.Pillar)
            && (query.ConversationId is null || c.Chunk.ConversationId == query.ConversationId)
            && (query.SourceKey is null || c.Chunk.SourceKey == query.SourceKey)
            && (query.EntityType is null || c.Chunk.EntityType == query.EntityType));
}
