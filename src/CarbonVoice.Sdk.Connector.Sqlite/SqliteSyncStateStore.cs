using System.Text.Json;
using CarbonVoice.Sdk.Connector.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using static CarbonVoice.Sdk.Connector.Sqlite.Internal.SqliteValues;

namespace CarbonVoice.Sdk.Connector.Sqlite;

/// <summary>
/// An <see cref="ISyncStateStore"/> over a SQLite file. The lease is a row (holder, expiry) changed by one
/// conditional upsert inside <c>BEGIN IMMEDIATE</c>, so it holds across processes that share the file.
/// </summary>
public sealed class SqliteSyncStateStore : ISyncStateStore, IDisposable
{
    private const string RunColumns = "id, tenant_id, connector_id, kind, status, started_at, finished_at, high_water_mark, counts, errors, error_count, status_message, lease_holder";
    private readonly SqliteConnectorDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _time;

    /// <summary>Creates the store; the schema is created on first use.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="timeProvider">The clock for run times and lease expiry.</param>
    public SqliteSyncStateStore(string connectionString, TimeProvider? timeProvider = null)
        : this(new SqliteConnectorDatabase(connectionString), timeProvider, ownsDatabase: true)
    {
    }

    internal SqliteSyncStateStore(SqliteConnectorDatabase database, TimeProvider? timeProvider, bool ownsDatabase = false)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark = null, CancellationToken cancellationToken = default)
        => StartRunAsync(tenantId, connectorId, kind, highWaterMark, null, cancellationToken);

    /// <inheritdoc />
    public async Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark, string? leaseHolder, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var run = new SyncRun { Id = Guid.CreateVersion7(now).ToString("N"), TenantId = tenantId, ConnectorId = connectorId, Kind = kind, StartedAt = now, HighWaterMark = highWaterMark, LeaseHolder = leaseHolder };
        await SaveRunAsync(run, cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <inheritdoc />
    public async Task SaveRunAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await ExecuteAsync(
            $"INSERT OR REPLACE INTO cv_sync_runs ({RunColumns}) VALUES ($id, $t, $c, $kind, $status, $started, $finished, $hwm, $counts, $errors, $errorCount, $message, $holder);",
            command =>
            {
                Set(command, "$id", run.Id);
                Set(command, "$t", run.TenantId);
                Set(command, "$c", run.ConnectorId);
                Set(command, "$kind", run.Kind.ToString());
                Set(command, "$status", run.Status.ToString());
                Set(command, "$started", Ticks(run.StartedAt));
                Set(command, "$finished", TicksOrNull(run.FinishedAt));
                Set(command, "$hwm", TicksOrNull(run.HighWaterMark));
                Set(command, "$counts", JsonSerializer.Serialize(run.Counts.ToDictionary(), SqliteJsonContext.Default.DictionaryStringEntitySyncCounts));
                Set(command, "$errors", JsonSerializer.Serialize(run.Errors.ToList(), SqliteJsonContext.Default.ListSyncError));
                Set(command, "$errorCount", run.ErrorCount);
                Set(command, "$message", OrNull(run.StatusMessage));
                Set(command, "$holder", OrNull(run.LeaseHolder));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var runs = await ReadRunsAsync($"SELECT {RunColumns} FROM cv_sync_runs WHERE id = $id;", c => Set(c, "$id", runId), cancellationToken).ConfigureAwait(false);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc />
    public async Task<SyncRun?> TryInterruptRunAsync(string runId, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = _time.GetUtcNow();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One BEGIN IMMEDIATE transaction: no renewal, release or acquisition can slip between the check and the write.
            using var transaction = connection.BeginTransaction(deferred: false);
            SyncRun? run;
            using (var read = Command(connection, $"SELECT {RunColumns} FROM cv_sync_runs WHERE id = $id;", transaction))
            {
                Set(read, "$id", runId);
                using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                run = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRun(reader) : null;
            }

            if (run is null || run.Status != SyncRunStatus.Running)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return run;
            }

            var key = SyncLease.KeyOf(run.ConnectorId, run.Kind);
            var lease = await ReadLeaseAsync(connection, transaction, run.TenantId, key, cancellationToken).ConfigureAwait(false);
            if (lease is not null && lease.IsLiveAt(now) && (run.LeaseHolder is null || lease.Holder == run.LeaseHolder))
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return run;
            }

            using (var update = Command(connection, "UPDATE cv_sync_runs SET status = $status, status_message = $message, finished_at = $now WHERE id = $id AND status = $running;", transaction))
            {
                Set(update, "$id", runId);
                Set(update, "$status", nameof(SyncRunStatus.Interrupted));
                Set(update, "$running", nameof(SyncRunStatus.Running));
                Set(update, "$message", message);
                Set(update, "$now", Ticks(now));
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (lease is not null && run.LeaseHolder is not null && lease.Holder == run.LeaseHolder)
            {
                using var delete = Command(connection, "DELETE FROM cv_leases WHERE tenant_id = $t AND connector_id = $c AND holder = $h AND expires_at <= $now;", transaction);
                Set(delete, "$t", run.TenantId);
                Set(delete, "$c", key);
                Set(delete, "$h", run.LeaseHolder);
                Set(delete, "$now", Ticks(now));
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return run with { Status = SyncRunStatus.Interrupted, StatusMessage = message, FinishedAt = now };
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncRun>> ListRunsAsync(string tenantId, string connectorId, int limit = 20, CancellationToken cancellationToken = default)
        => ReadRunsAsync(
            $"SELECT {RunColumns} FROM cv_sync_runs WHERE tenant_id = $t AND connector_id = $c ORDER BY started_at DESC, id DESC LIMIT $n;",
            c =>
            {
                Set(c, "$t", tenantId);
                Set(c, "$c", connectorId);
                Set(c, "$n", limit);
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<string?> GetCheckpointAsync(string tenantId, string connectorId, string scope, CancellationToken cancellationToken = default)
        => await ScalarAsync(
            "SELECT value FROM cv_checkpoints WHERE tenant_id = $t AND connector_id = $c AND scope = $s;",
            c => BindScope(c, tenantId, connectorId, scope),
            cancellationToken).ConfigureAwait(false) as string;

    /// <inheritdoc />
    public Task SetCheckpointAsync(string tenantId, string connectorId, string scope, string? value, CancellationToken cancellationToken = default)
        => value is null
            ? ExecuteAsync("DELETE FROM cv_checkpoints WHERE tenant_id = $t AND connector_id = $c AND scope = $s;", c => BindScope(c, tenantId, connectorId, scope), cancellationToken)
            : ExecuteAsync(
                "INSERT INTO cv_checkpoints (tenant_id, connector_id, scope, value, updated_at) VALUES ($t, $c, $s, $v, $now) ON CONFLICT (tenant_id, connector_id, scope) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;",
                c =>
                {
                    BindScope(c, tenantId, connectorId, scope);
                    Set(c, "$v", value);
                    Set(c, "$now", Ticks(_time.GetUtcNow()));
                },
                cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> ListCheckpointsAsync(string tenantId, string connectorId, string scopePrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopePrefix);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, "SELECT scope, value FROM cv_checkpoints WHERE tenant_id = $t AND connector_id = $c AND substr(scope, 1, length($s)) = $s;");
            BindScope(command, tenantId, connectorId, scopePrefix);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<long> GetIngestionWatermarkAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => await ScalarAsync(
            "SELECT watermark FROM cv_ingestion_watermarks WHERE tenant_id = $t AND connector_id = $c;",
            c => BindScope(c, tenantId, connectorId, string.Empty),
            cancellationToken).ConfigureAwait(false) as long? ?? 0;

    /// <inheritdoc />
    public Task SetIngestionWatermarkAsync(string tenantId, string connectorId, long watermark, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            "INSERT INTO cv_ingestion_watermarks (tenant_id, connector_id, watermark) VALUES ($t, $c, $w) ON CONFLICT (tenant_id, connector_id) DO UPDATE SET watermark = excluded.watermark;",
            c =>
            {
                BindScope(c, tenantId, connectorId, string.Empty);
                Set(c, "$w", watermark);
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var checkpoints = Command(connection, "DELETE FROM cv_checkpoints WHERE tenant_id = $t AND connector_id = $c;", transaction);
            using var watermark = Command(connection, "DELETE FROM cv_ingestion_watermarks WHERE tenant_id = $t AND connector_id = $c;", transaction);
            BindScope(checkpoints, tenantId, connectorId, string.Empty);
            BindScope(watermark, tenantId, connectorId, string.Empty);
            var deleted = await checkpoints.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await watermark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
    }

    /// <inheritdoc />
    public async Task<SyncLease?> TryAcquireLeaseAsync(string tenantId, string connectorId, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var lease = new SyncLease(tenantId, connectorId, holder, now + duration);
        var changed = await LeaseCommandAsync(
            "INSERT INTO cv_leases (tenant_id, connector_id, holder, expires_at) VALUES ($t, $c, $h, $exp) ON CONFLICT (tenant_id, connector_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at WHERE cv_leases.expires_at <= $now OR cv_leases.holder = excluded.holder;",
            lease,
            now,
            cancellationToken).ConfigureAwait(false);
        return changed == 1 ? lease : null;
    }

    /// <inheritdoc />
    public async Task<SyncLease?> RenewLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var renewed = lease with { ExpiresAt = now + duration };
        var changed = await LeaseCommandAsync("UPDATE cv_leases SET expires_at = $exp WHERE tenant_id = $t AND connector_id = $c AND holder = $h;", renewed, now, cancellationToken).ConfigureAwait(false);
        return changed == 1 ? renewed : null;
    }

    /// <inheritdoc />
    public async Task<SyncLease?> GetLeaseAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadLeaseAsync(connection, null, tenantId, connectorId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await LeaseCommandAsync("DELETE FROM cv_leases WHERE tenant_id = $t AND connector_id = $c AND holder = $h;", lease, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    private static void BindScope(SqliteCommand command, string tenantId, string connectorId, string scope)
    {
        Set(command, "$t", tenantId);
        Set(command, "$c", connectorId);
        Set(command, "$s", scope);
    }

    private static SyncRun ReadRun(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        ConnectorId = reader.GetString(2),
        Kind = Enum.Parse<SyncKind>(reader.GetString(3)),
        Status = Enum.Parse<SyncRunStatus>(reader.GetString(4)),
        StartedAt = Time(reader, 5),
        FinishedAt = TimeOrNull(reader, 6),
        HighWaterMark = TimeOrNull(reader, 7),
        Counts = JsonSerializer.Deserialize(reader.GetString(8), SqliteJsonContext.Default.DictionaryStringEntitySyncCounts) ?? [],
        Errors = JsonSerializer.Deserialize(reader.GetString(9), SqliteJsonContext.Default.ListSyncError) ?? [],
        ErrorCount = reader.GetInt64(10),
        StatusMessage = StringOrNull(reader, 11),
        LeaseHolder = StringOrNull(reader, 12),
    };

    private static async Task<SyncLease?> ReadLeaseAsync(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, string key, CancellationToken cancellationToken)
    {
        using var command = Command(connection, "SELECT holder, expires_at FROM cv_leases WHERE tenant_id = $t AND connector_id = $c;", transaction);
        Set(command, "$t", tenantId);
        Set(command, "$c", key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new SyncLease(tenantId, key, reader.GetString(0), Time(reader, 1)) : null;
    }

    private async Task<int> LeaseCommandAsync(string sql, SyncLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = Command(connection, sql, transaction);
            Set(command, "$t", lease.TenantId);
            Set(command, "$c", lease.ConnectorId);
            Set(command, "$h", lease.Holder);
            Set(command, "$exp", Ticks(lease.ExpiresAt));
            Set(command, "$now", Ticks(now));
            var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed;
        }
    }

    private async Task ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, sql);
            bind(command);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<object?> ScalarAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, sql);
            bind(command);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<SyncRun>> ReadRunsAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var runs = new List<SyncRun>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, sql);
            bind(command);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(ReadRun(reader));
            }
        }

        return runs;
    }
}
