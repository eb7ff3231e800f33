using CarbonVoice.Sdk.Connector.Internal;
using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;
using static CarbonVoice.Sdk.Connector.PostgreSql.Internal.Sql;

namespace CarbonVoice.Sdk.Connector.PostgreSql;

/// <summary>
/// An <see cref="IRawDataStore"/> over PostgreSQL, shared by any number of processes and machines. A batch is one
/// transaction: it locks its connectors (an advisory lock per tenant and connector, so a connector's change sequences
/// commit in increasing order and a reader past sequence N never misses a later-committed M &lt; N), reads the stored
/// versions of its keys in one query, decides new / changed / unchanged in input order (duplicates apply in order), draws
/// the change sequences of the writes from one database sequence (never reused, also after a purge), and writes the final
/// rows with one <c>INSERT … ON CONFLICT DO UPDATE</c>: from <c>unnest</c> of arrays, or, for large batches, from a
/// temporary table filled by binary <c>COPY</c>.
/// </summary>
public sealed class PostgreSqlRawDataStore : ICheckpointedRawDataStore, IAsyncDisposable, IDisposable
{
    private const string HeaderColumns = "tenant_id, connector_id, entity_type, external_id, parent_id, content_hash, is_deleted, change_sequence";
    private const string Columns = "tenant_id, connector_id, entity_type, external_id, parent_id, payload, content_hash, source_updated_at, is_deleted, first_seen_at, last_changed_at, change_sequence";
    private const string OnConflict = "ON CONFLICT (tenant_id, connector_id, entity_type, external_id) DO UPDATE SET parent_id = excluded.parent_id, payload = excluded.payload, content_hash = excluded.content_hash, source_updated_at = excluded.source_updated_at, is_deleted = excluded.is_deleted, last_changed_at = excluded.last_changed_at, change_sequence = excluded.change_sequence";
    private readonly PostgreSqlConnectorDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over its own connection pool; the schema is created on first use.</summary>
    /// <param name="options">The connection string and schema.</param>
    /// <param name="timeProvider">The clock.</param>
    public PostgreSqlRawDataStore(PostgreSqlConnectorOptions options, TimeProvider? timeProvider = null)
        : this(new PostgreSqlConnectorDatabase(options), timeProvider, ownsDatabase: true)
    {
    }

    internal PostgreSqlRawDataStore(PostgreSqlConnectorDatabase database, TimeProvider? timeProvider, bool ownsDatabase = false)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
        => UpsertCoreAsync(records, null, cancellationToken);

    /// <summary>Upserts records and sets the checkpoint that covers them (in <c>cv_checkpoints</c>, the sync state store's table) in one transaction.</summary>
    /// <param name="records">The records.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CheckpointWrite checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return UpsertCoreAsync(records, checkpoint, cancellationToken);
    }

    private async Task<IReadOnlyList<RawUpsertResult>> UpsertCoreAsync(IReadOnlyList<RawRecordUpsert> records, CheckpointWrite? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record);
        }

        if (records.Count == 0 && checkpoint is null)
        {
            return [];
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await LockConnectorsAsync(connection, transaction, records.Select(r => (r.Key.TenantId, r.Key.ConnectorId)), cancellationToken).ConfigureAwait(false);
                var stored = await ReadStateAsync(connection, transaction, records.Select(r => r.Key), cancellationToken).ConfigureAwait(false);

                // Decide in input order; a write's sequence is drawn afterwards (all at once) and filled in by its index.
                var decisions = new List<(RawRecordKey Key, UpsertOutcome Outcome, int Write, long Sequence)>(records.Count);
                var finals = new Dictionary<RawRecordKey, (RawRecordUpsert Record, int Write)>();
                var writes = 0;
                foreach (var record in records)
                {
                    if (stored.TryGetValue(record.Key, out var current) && current.Hash == record.ContentHash && current.Deleted == record.IsDeleted && current.Parent == record.ParentId)
                    {
                        decisions.Add((record.Key, UpsertOutcome.Unchanged, current.Write, current.Sequence));
                        continue;
                    }

                    var write = writes++;
                    decisions.Add((record.Key, current.Hash is null ? UpsertOutcome.New : UpsertOutcome.Changed, write, 0));
                    stored[record.Key] = new StoredState(record.ContentHash, record.IsDeleted, record.ParentId, 0, write);
                    finals[record.Key] = (record, write);
                }

                var sequences = await DrawSequencesAsync(connection, transaction, writes, cancellationToken).ConfigureAwait(false);
                if (writes > 0)
                {
                    var now = Ticks(_time.GetUtcNow());
                    var rows = finals.Values.Select(f => (f.Record, Sequence: sequences[f.Write])).ToList();
                    if (rows.Count >= _database.CopyThreshold)
                    {
                        await WriteByCopyAsync(connection, transaction, rows, now, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await WriteByUnnestAsync(connection, transaction, rows, now, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (checkpoint is not null)
                {
                    await WriteCheckpointAsync(connection, transaction, checkpoint, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return [.. decisions.Select(d => new RawUpsertResult(d.Key, d.Outcome, d.Write >= 0 ? sequences[d.Write] : d.Sequence))];
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RawUpsertResult>> TombstoneAsync(IReadOnlyList<RawRecordKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await LockConnectorsAsync(connection, transaction, keys.Select(k => (k.TenantId, k.ConnectorId)), cancellationToken).ConfigureAwait(false);
                var stored = await ReadStateAsync(connection, transaction, keys, cancellationToken).ConfigureAwait(false);
                var decisions = new List<(RawRecordKey Key, UpsertOutcome Outcome, int Write, long Sequence)>(keys.Count);
                var finals = new Dictionary<RawRecordKey, int>();
                var writes = 0;
                foreach (var key in keys)
                {
                    if (!stored.TryGetValue(key, out var current))
                    {
                        continue;
                    }

                    if (current.Deleted)
                    {
                        decisions.Add((key, UpsertOutcome.Unchanged, current.Write, current.Sequence));
                        continue;
                    }

                    var write = writes++;
                    decisions.Add((key, UpsertOutcome.Changed, write, 0));
                    stored[key] = current with { Deleted = true, Write = write };
                    finals[key] = write;
                }

                var sequences = await DrawSequencesAsync(connection, transaction, writes, cancellationToken).ConfigureAwait(false);
                if (writes > 0)
                {
                    var list = finals.ToList();
                    using var update = Command(
                        connection,
                        "UPDATE cv_raw_records r SET is_deleted = true, last_changed_at = @now, change_sequence = u.s FROM unnest(@t, @c, @e, @x, @s) AS u(t, c, e, x, s) WHERE r.tenant_id = u.t AND r.connector_id = u.c AND r.entity_type = u.e AND r.external_id = u.x;",
                        transaction)
                        .Bigint("now", Ticks(_time.GetUtcNow()))
                        .TextArray("t", [.. list.Select(p => p.Key.TenantId)])
                        .TextArray("c", [.. list.Select(p => p.Key.ConnectorId)])
                        .TextArray("e", [.. list.Select(p => p.Key.EntityType)])
                        .TextArray("x", [.. list.Select(p => p.Key.ExternalId)])
                        .BigintArray("s", [.. list.Select(p => (long?)sequences[p.Value])]);
                    await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return [.. decisions.Select(d => new RawUpsertResult(d.Key, d.Outcome, d.Write >= 0 ? sequences[d.Write] : d.Sequence))];
            }
        }
    }

    /// <inheritdoc />
    public async Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default)
    {
        var items = await QueryAsync(
            $"SELECT {Columns} FROM cv_raw_records WHERE tenant_id = @t AND connector_id = @c AND entity_type = @e AND external_id = @x;",
            c => c.Text("t", key.TenantId).Text("c", key.ConnectorId).Text("e", key.EntityType).Text("x", key.ExternalId),
            cancellationToken).ConfigureAwait(false);
        return items.Count == 0 ? null : items[0];
    }

    /// <inheritdoc />
    public async Task<RawRecordPage> ReadChangedSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
    {
        var (items, next, hasMore) = await ReadChangedAsync(Columns, Read, r => r.ChangeSequence, tenantId, connectorId, watermark, pageSize, cancellationToken).ConfigureAwait(false);
        return new RawRecordPage(items, next, hasMore);
    }

    /// <inheritdoc />
    public async Task<RawRecordHeaderPage> ReadChangedHeadersSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
    {
        var (items, next, hasMore) = await ReadChangedAsync(HeaderColumns, ReadHeader, r => r.ChangeSequence, tenantId, connectorId, watermark, pageSize, cancellationToken).ConfigureAwait(false);
        return new RawRecordHeaderPage(items, next, hasMore);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RawRecord>> ListByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => await ListByParentAsync(Columns, Read, tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RawRecordHeader>> ListHeadersByParentAsync(string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => await ListByParentAsync(HeaderColumns, ReadHeader, tenantId, connectorId, entityType, parentId, afterExternalId, pageSize, includeDeleted, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<long> CountAsync(string tenantId, string connectorId, string? entityType = null, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => (long)(await _database.ScalarAsync(
            "SELECT COUNT(*) FROM cv_raw_records WHERE tenant_id = @t AND connector_id = @c AND (@e::text IS NULL OR entity_type = @e) AND (@all OR NOT is_deleted);",
            c => c.Text("t", tenantId).Text("c", connectorId).Text("e", entityType).Add("all", NpgsqlDbType.Boolean, includeDeleted),
            cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc />
    /// <remarks>One statement is one transaction; the database sequence never hands a purged sequence out again.</remarks>
    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => _database.ExecuteAsync("DELETE FROM cv_raw_records WHERE tenant_id = @t AND connector_id = @c;", c => c.Text("t", tenantId).Text("c", connectorId), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDatabase)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<long[]> DrawSequencesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        var values = new long[count];
        using var command = Command(connection, "SELECT nextval('cv_raw_change_sequence') FROM generate_series(1, @n);", transaction).Int("n", count);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var i = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values[i++] = reader.GetInt64(0);
        }

        Array.Sort(values);
        return values;
    }

    private static async Task<Dictionary<RawRecordKey, StoredState>> ReadStateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<RawRecordKey> keys, CancellationToken cancellationToken)
    {
        var distinct = keys.Distinct().ToList();
        var state = new Dictionary<RawRecordKey, StoredState>(distinct.Count);
        using var command = Command(
            connection,
            "SELECT r.tenant_id, r.connector_id, r.entity_type, r.external_id, r.content_hash, r.is_deleted, r.parent_id, r.change_sequence FROM cv_raw_records r JOIN unnest(@t, @c, @e, @x) AS k(t, c, e, x) ON r.tenant_id = k.t AND r.connector_id = k.c AND r.entity_type = k.e AND r.external_id = k.x;",
            transaction)
            .TextArray("t", [.. distinct.Select(k => k.TenantId)])
            .TextArray("c", [.. distinct.Select(k => k.ConnectorId)])
            .TextArray("e", [.. distinct.Select(k => k.EntityType)])
            .TextArray("x", [.. distinct.Select(k => k.ExternalId)]);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = new RawRecordKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            state[key] = new StoredState(reader.GetString(4), reader.GetBoolean(5), StringOrNull(reader, 6), reader.GetInt64(7), -1);
        }

        return state;
    }

    private static async Task WriteByUnnestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(RawRecordUpsert Record, long Sequence)> rows, long now, CancellationToken cancellationToken)
    {
        using var command = Command(
            connection,
            $"INSERT INTO cv_raw_records ({Columns}) SELECT t, c, e, x, p, payload, h, u, d, @now, @now, s FROM unnest(@t, @c, @e, @x, @p, @payload, @h, @u, @d, @s) AS v(t, c, e, x, p, payload, h, u, d, s) {OnConflict};",
            transaction)
            .Bigint("now", now)
            .TextArray("t", [.. rows.Select(r => r.Record.Key.TenantId)])
            .TextArray("c", [.. rows.Select(r => r.Record.Key.ConnectorId)])
            .TextArray("e", [.. rows.Select(r => r.Record.Key.EntityType)])
            .TextArray("x", [.. rows.Select(r => r.Record.Key.ExternalId)])
            .TextArray("p", [.. rows.Select(r => r.Record.ParentId)])
            .TextArray("payload", [.. rows.Select(r => r.Record.Payload)])
            .TextArray("h", [.. rows.Select(r => r.Record.ContentHash)])
            .BigintArray("u", [.. rows.Select(r => TicksOrNull(r.Record.SourceUpdatedAt))])
            .Add("d", NpgsqlDbType.Array | NpgsqlDbType.Boolean, rows.Select(r => r.Record.IsDeleted).ToArray())
            .BigintArray("s", [.. rows.Select(r => (long?)r.Sequence)]);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteByCopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(RawRecordUpsert Record, long Sequence)> rows, long now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE cv_raw_stage (LIKE cv_raw_records) ON COMMIT DROP;", cancellationToken).ConfigureAwait(false);
        var importer = await connection.BeginBinaryImportAsync($"COPY cv_raw_stage ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var (record, sequence) in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(record.Key.TenantId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(record.Key.ConnectorId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(record.Key.EntityType, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(record.Key.ExternalId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(importer, record.ParentId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(record.Payload, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(record.ContentHash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(importer, TicksOrNull(record.SourceUpdatedAt), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(record.IsDeleted, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(now, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(now, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"INSERT INTO cv_raw_records ({Columns}) SELECT {Columns} FROM cv_raw_stage {OnConflict};", cancellationToken).ConfigureAwait(false);
    }

    private async Task<(List<T> Items, long NextWatermark, bool HasMore)> ReadChangedAsync<T>(string columns, Func<NpgsqlDataReader, T> read, Func<T, long> sequence, string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var items = await _database.QueryAsync(
            $"SELECT {columns} FROM cv_raw_records WHERE tenant_id = @t AND connector_id = @c AND change_sequence > @w ORDER BY change_sequence LIMIT @n;",
            c => c.Text("t", tenantId).Text("c", connectorId).Bigint("w", watermark).Int("n", pageSize + 1),
            read,
            cancellationToken).ConfigureAwait(false);
        return LookaheadPage.Trim(items, pageSize, watermark, sequence);
    }

    private Task<List<T>> ListByParentAsync<T>(string columns, Func<NpgsqlDataReader, T> read, string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return _database.QueryAsync(
            $"SELECT {columns} FROM cv_raw_records WHERE tenant_id = @t AND connector_id = @c AND entity_type = @e AND parent_id = @p AND (@after::text IS NULL OR external_id > @after) AND (@all OR NOT is_deleted) ORDER BY external_id LIMIT @n;",
            c => c.Text("t", tenantId).Text("c", connectorId).Text("e", entityType).Text("p", parentId).Text("after", afterExternalId)
                .Add("all", NpgsqlDbType.Boolean, includeDeleted).Int("n", pageSize),
            read,
            cancellationToken);
    }

    private static RawRecordHeader ReadHeader(NpgsqlDataReader reader) => new()
    {
        Key = new RawRecordKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
        ParentId = StringOrNull(reader, 4),
        ContentHash = reader.GetString(5),
        IsDeleted = reader.GetBoolean(6),
        ChangeSequence = reader.GetInt64(7),
    };

    private static RawRecord Read(NpgsqlDataReader reader) => new()
    {
        Key = new RawRecordKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
        ParentId = StringOrNull(reader, 4),
        Payload = reader.GetString(5),
        ContentHash = reader.GetString(6),
        SourceUpdatedAt = TimeOrNull(reader, 7),
        IsDeleted = reader.GetBoolean(8),
        FirstSeenAt = Time(reader, 9),
        LastChangedAt = Time(reader, 10),
        ChangeSequence = reader.GetInt64(11),
    };

    private Task<List<RawRecord>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
        => _database.QueryAsync(sql, bind, Read, cancellationToken);

    /// <summary>A key's version as the batch sees it: stored (<see cref="Write"/> -1) or written earlier in the batch.</summary>
    private readonly record struct StoredState(string? Hash, bool Deleted, string? Parent, long Sequence, int Write);
}
