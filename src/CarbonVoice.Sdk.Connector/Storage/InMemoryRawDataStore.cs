namespace CarbonVoice.Sdk.Connector;

/// <summary>An <see cref="IRawDataStore"/> in process memory: for tests, samples and single-process hosts without persistence.</summary>
public sealed class InMemoryRawDataStore : IRawDataStore
{
    private readonly Dictionary<RawRecordKey, RawRecord> _records = [];
    private readonly SortedDictionary<long, RawRecordKey> _bySequence = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private long _sequence;

    /// <summary>Creates the store.</summary>
    /// <param name="timeProvider">The clock for <see cref="RawRecord.FirstSeenAt"/> and <see cref="RawRecord.LastChangedAt"/>.</param>
    public InMemoryRawDataStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<RawUpsertResult>(records.Count);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var upsert in records)
            {
                ArgumentNullException.ThrowIfNull(upsert);
                if (_records.TryGetValue(upsert.Key, out var existing))
                {
                    if (existing.ContentHash == upsert.ContentHash && existing.IsDeleted == upsert.IsDeleted && existing.ParentId == upsert.ParentId)
                    {
                        results.Add(new RawUpsertResult(upsert.Key, UpsertOutcome.Unchanged, existing.ChangeSequence));
                        continue;
                    }

                    var changed = Write(upsert, existing.FirstSeenAt, now);
                    _bySequence.Remove(existing.ChangeSequence);
                    results.Add(new RawUpsertResult(upsert.Key, UpsertOutcome.Changed, changed.ChangeSequence));
                }
                else
                {
                    var created = Write(upsert, now, now);
                    results.Add(new RawUpsertResult(upsert.Key, UpsertOutcome.New, created.ChangeSequence));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<RawUpsertResult>>(results);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RawUpsertResult>> TombstoneAsync(IReadOnlyList<RawRecordKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<RawUpsertResult>(keys.Count);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var key in keys)
            {
                if (!_records.TryGetValue(key, out var existing))
                {
                    continue;
                }

                if (existing.IsDeleted)
                {
                    results.Add(new RawUpsertResult(key, UpsertOutcome.Unchanged, existing.ChangeSequence));
                    continue;
                }

                _bySequence.Remove(existing.ChangeSequence);
                var sequence = ++_sequence;
                _records[key] = existing with { IsDeleted = true, LastChangedAt = now, ChangeSequence = sequence };
                _bySequence[sequence] = key;
                results.Add(new RawUpsertResult(key, UpsertOutcome.Changed, sequence));
            }
        }

        return Task.FromResult<IReadOnlyList<RawUpsertResult>>(results);
    }

    /// <inheritdoc />
    public Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task<RawRecordPage> ReadChangedSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var items = new List<RawRecord>(Math.Min(pageSize, 1024));
            var hasMore = false;
            foreach (var (sequence, key) in _bySequence.Where(p => p.Key > watermark))
            {
                if (key.TenantId != tenantId || key.ConnectorId != connectorId)
                {
                    continue;
                }

                if (items.Count == pageSize)
                {
                    hasMore = true;
                    break;
                }

                items.Add(_records[key]);
            }

            var next = items.Count == 0 ? watermark : items[^1].ChangeSequence;
            return Task.FromResult(new RawRecordPage(items, next, hasMore));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RawRecord>> ListByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<RawRecord> items = _records.Values
                .Where(r => r.Key.TenantId == tenantId && r.Key.ConnectorId == connectorId && r.Key.EntityType == entityType && r.ParentId == parentId)
                .Where(r => includeDeleted || !r.IsDeleted)
                .Where(r => afterExternalId is null || string.CompareOrdinal(r.Key.ExternalId, afterExternalId) > 0)
                .OrderBy(r => r.Key.ExternalId, StringComparer.Ordinal)
                .Take(pageSize)
                .ToList();
            return Task.FromResult(items);
        }
    }

    /// <inheritdoc />
    public Task<long> CountAsync(string tenantId, string connectorId, string? entityType = null, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            long count = _records.Values.Count(r => r.Key.TenantId == tenantId && r.Key.ConnectorId == connectorId
                && (entityType is null || r.Key.EntityType == entityType) && (includeDeleted || !r.IsDeleted));
            return Task.FromResult(count);
        }
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doomed = _records.Values.Where(r => r.Key.TenantId == tenantId && r.Key.ConnectorId == connectorId).ToList();
            foreach (var record in doomed)
            {
                _records.Remove(record.Key);
                _bySequence.Remove(record.ChangeSequence);
            }

            return Task.FromResult(doomed.Count);
        }
    }

    private RawRecord Write(RawRecordUpsert upsert, DateTimeOffset firstSeen, DateTimeOffset now)
    {
        var record = new RawRecord
        {
            Key = upsert.Key,
            ParentId = upsert.ParentId,
            Payload = upsert.Payload,
            ContentHash = upsert.ContentHash,
            SourceUpdatedAt = upsert.SourceUpdatedAt,
            IsDeleted = upsert.IsDeleted,
            FirstSeenAt = firstSeen,
            LastChangedAt = now,
            ChangeSequence = ++_sequence,
        };
        _records[upsert.Key] = record;
        _bySequence[record.ChangeSequence] = upsert.Key;
        return record;
    }
}
