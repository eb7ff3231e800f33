using CarbonVoice.Sdk.Connector.Internal;
using CarbonVoice.Sdk.Connector.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using static CarbonVoice.Sdk.Connector.Sqlite.Internal.SqliteValues;

namespace CarbonVoice.Sdk.Connector.Sqlite;

/// <summary>An <see cref="IRawDataStore"/> over a SQLite file: each batch is one <c>BEGIN IMMEDIATE</c> transaction.</summary>
public sealed class SqliteRawDataStore : IRawDataStore, IDisposable
{
    private const string HeaderColumns = "tenant_id, connector_id, entity_type, external_id, parent_id, content_hash, is_deleted, change_sequence";
    private const string Columns = "tenant_id, connector_id, entity_type, external_id, parent_id, payload, content_hash, source_updated_at, is_deleted, first_seen_at, last_changed_at, change_sequence";
    private const string KeyFilter = "tenant_id = $t AND connector_id = $c AND entity_type = $e AND external_id = $x";
    private readonly SqliteConnectorDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _time;

    /// <summary>Creates the store; the schema is created on first use.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=connector.db</c>.</param>
    /// <param name="timeProvider">The clock.</param>
    public SqliteRawDataStore(string connectionString, TimeProvider? timeProvider = null)
        : this(new SqliteConnectorDatabase(connectionString), timeProvider, ownsDatabase: true)
    {
    }

    internal SqliteRawDataStore(SqliteConnectorDatabase database, TimeProvider? timeProvider, bool ownsDatabase = false)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var results = new List<RawUpsertResult>(records.Count);
        if (records.Count == 0)
        {
            return results;
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var sequence = await MaxSequenceAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var now = Ticks(_time.GetUtcNow());
            using var select = Command(connection, $"SELECT content_hash, is_deleted, parent_id, change_sequence FROM cv_raw_records WHERE {KeyFilter};", transaction);
            using var insert = Command(connection, $"INSERT INTO cv_raw_records ({Columns}) VALUES ($t, $c, $e, $x, $p, $payload, $h, $u, $d, $now, $now, $s);", transaction);
            using var update = Command(connection, $"UPDATE cv_raw_records SET parent_id = $p, payload = $payload, content_hash = $h, source_updated_at = $u, is_deleted = $d, last_changed_at = $now, change_sequence = $s WHERE {KeyFilter};", transaction);
            foreach (var record in records)
            {
                ArgumentNullException.ThrowIfNull(record);
                SetKey(select, record.Key);
                (string Hash, bool Deleted, string? Parent, long Sequence)? existing = null;
                using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        existing = (reader.GetString(0), reader.GetInt64(1) != 0, StringOrNull(reader, 2), reader.GetInt64(3));
                    }
                }

                if (existing is { } e && e.Hash == record.ContentHash && e.Deleted == record.IsDeleted && e.Parent == record.ParentId)
                {
                    results.Add(new RawUpsertResult(record.Key, UpsertOutcome.Unchanged, e.Sequence));
                    continue;
                }

                var command = existing is null ? insert : update;
                SetKey(command, record.Key);
                Set(command, "$p", OrNull(record.ParentId));
                Set(command, "$payload", record.Payload);
                Set(command, "$h", record.ContentHash);
                Set(command, "$u", TicksOrNull(record.SourceUpdatedAt));
                Set(command, "$d", record.IsDeleted ? 1 : 0);
                Set(command, "$now", now);
                Set(command, "$s", ++sequence);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                results.Add(new RawUpsertResult(record.Key, existing is null ? UpsertOutcome.New : UpsertOutcome.Changed, sequence));
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RawUpsertResult>> TombstoneAsync(IReadOnlyList<RawRecordKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var results = new List<RawUpsertResult>(keys.Count);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var sequence = await MaxSequenceAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            using var select = Command(connection, $"SELECT is_deleted, change_sequence FROM cv_raw_records WHERE {KeyFilter};", transaction);
            using var update = Command(connection, $"UPDATE cv_raw_records SET is_deleted = 1, last_changed_at = $now, change_sequence = $s WHERE {KeyFilter};", transaction);
            foreach (var key in keys)
            {
                SetKey(select, key);
                (bool Deleted, long Sequence)? existing = null;
                using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        existing = (reader.GetInt64(0) != 0, reader.GetInt64(1));
                    }
                }

                if (existing is not { } e)
                {
                    continue;
                }

                if (e.Deleted)
                {
                    results.Add(new RawUpsertResult(key, UpsertOutcome.Unchanged, e.Sequence));
                    continue;
                }

                SetKey(update, key);
                Set(update, "$now", Ticks(_time.GetUtcNow()));
                Set(update, "$s", ++sequence);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                results.Add(new RawUpsertResult(key, UpsertOutcome.Changed, sequence));
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default)
    {
        var items = await QueryAsync($"SELECT {Columns} FROM cv_raw_records WHERE {KeyFilter};", c => SetKey(c, key), Read, cancellationToken).ConfigureAwait(false);
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
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, "SELECT COUNT(*) FROM cv_raw_records WHERE tenant_id = $t AND connector_id = $c AND ($e IS NULL OR entity_type = $e) AND ($all = 1 OR is_deleted = 0);");
            Set(command, "$t", tenantId);
            Set(command, "$c", connectorId);
            Set(command, "$e", OrNull(entityType));
            Set(command, "$all", includeDeleted ? 1 : 0);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var sequence = await MaxSequenceAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            using var delete = Command(connection, "DELETE FROM cv_raw_records WHERE tenant_id = $t AND connector_id = $c;", transaction);
            Set(delete, "$t", tenantId);
            Set(delete, "$c", connectorId);
            var deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                using var keep = Command(connection, "INSERT INTO cv_raw_sequence (id, value) VALUES (1, $s) ON CONFLICT (id) DO UPDATE SET value = max(value, excluded.value);", transaction);
                Set(keep, "$s", sequence);
                await keep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    private static async Task<long> MaxSequenceAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = Command(connection, "SELECT max(COALESCE((SELECT MAX(change_sequence) FROM cv_raw_records), 0), COALESCE((SELECT value FROM cv_raw_sequence), 0));", transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static void SetKey(SqliteCommand command, RawRecordKey key)
    {
        Set(command, "$t", key.TenantId);
        Set(command, "$c", key.ConnectorId);
        Set(command, "$e", key.EntityType);
        Set(command, "$x", key.ExternalId);
    }

    private async Task<(List<T> Items, long NextWatermark, bool HasMore)> ReadChangedAsync<T>(string columns, Func<SqliteDataReader, T> read, Func<T, long> sequence, string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var items = await QueryAsync(
            $"SELECT {columns} FROM cv_raw_records WHERE tenant_id = $t AND connector_id = $c AND change_sequence > $w ORDER BY change_sequence LIMIT $n;",
            c =>
            {
                Set(c, "$t", tenantId);
                Set(c, "$c", connectorId);
                Set(c, "$w", watermark);
                Set(c, "$n", pageSize + 1);
            },
            read,
            cancellationToken).ConfigureAwait(false);
        return LookaheadPage.Trim(items, pageSize, watermark, sequence);
    }

    private Task<List<T>> ListByParentAsync<T>(string columns, Func<SqliteDataReader, T> read, string tenantId, string connectorId, string entityType, string parentId, string? afterExternalId, int pageSize, bool includeDeleted, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return QueryAsync(
            $"SELECT {columns} FROM cv_raw_records WHERE tenant_id = $t AND connector_id = $c AND entity_type = $e AND parent_id = $p AND ($after IS NULL OR external_id > $after) AND ($all = 1 OR is_deleted = 0) ORDER BY external_id LIMIT $n;",
            c =>
            {
                Set(c, "$t", tenantId);
                Set(c, "$c", connectorId);
                Set(c, "$e", entityType);
                Set(c, "$p", parentId);
                Set(c, "$after", OrNull(afterExternalId));
                Set(c, "$all", includeDeleted ? 1 : 0);
                Set(c, "$n", pageSize);
            },
            read,
            cancellationToken);
    }

    private static RawRecordHeader ReadHeader(SqliteDataReader reader) => new()
    {
        Key = new RawRecordKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
        ParentId = StringOrNull(reader, 4),
        ContentHash = reader.GetString(5),
        IsDeleted = reader.GetInt64(6) != 0,
        ChangeSequence = reader.GetInt64(7),
    };

    private static RawRecord Read(SqliteDataReader reader) => new()
    {
        Key = new RawRecordKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
        ParentId = StringOrNull(reader, 4),
        Payload = reader.GetString(5),
        ContentHash = reader.GetString(6),
        SourceUpdatedAt = TimeOrNull(reader, 7),
        IsDeleted = reader.GetInt64(8) != 0,
        FirstSeenAt = Time(reader, 9),
        LastChangedAt = Time(reader, 10),
        ChangeSequence = reader.GetInt64(11),
    };

    private async Task<List<T>> QueryAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, sql);
            bind(command);
            var items = new List<T>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(read(reader));
            }

            return items;
        }
    }
}
