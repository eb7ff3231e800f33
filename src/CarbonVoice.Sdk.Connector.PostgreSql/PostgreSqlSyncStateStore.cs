using System.Text.Json;
using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using Npgsql;
using static CarbonVoice.Sdk.Connector.PostgreSql.Internal.Sql;

namespace CarbonVoice.Sdk.Connector.PostgreSql;

/// <summary>
/// An <see cref="ISyncStateStore"/> over PostgreSQL, shared by processes on any number of machines. A lease is a row
/// (holder, expiry) changed only by conditional statements (<c>INSERT … ON CONFLICT DO UPDATE … WHERE</c> expired or mine,
/// <c>UPDATE … WHERE holder</c>), so exactly one holder wins; <see cref="TryInterruptRunAsync"/> locks the run's row and its
/// lease's row (<c>FOR UPDATE</c>) in one transaction, so no renewal can slip between its check and its write. Expiry is
/// decided with the <see cref="TimeProvider"/> of the caller: keep the machines' clocks in sync (NTP) well within a lease.
/// </summary>
public sealed class PostgreSqlSyncStateStore : ISyncStateStore, IAsyncDisposable, IDisposable
{
    private const string RunColumns = "id, tenant_id, connector_id, kind, status, started_at, finished_at, high_water_mark, counts, errors, error_count, status_message, lease_holder";
    private readonly PostgreSqlConnectorDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over its own connection pool; the schema is created on first use.</summary>
    /// <param name="options">The connection string and schema.</param>
    /// <param name="timeProvider">The clock for run times and lease expiry.</param>
    public PostgreSqlSyncStateStore(PostgreSqlConnectorOptions options, TimeProvider? timeProvider = null)
        : this(new PostgreSqlConnectorDatabase(options), timeProvider, ownsDatabase: true)
    {
    }

    internal PostgreSqlSyncStateStore(PostgreSqlConnectorDatabase database, TimeProvider? timeProvider, bool ownsDatabase = false)
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
        await _database.ExecuteAsync(
            $"INSERT INTO cv_sync_runs ({RunColumns}) VALUES (@id, @t, @c, @kind, @status, @started, @finished, @hwm, @counts, @errors, @errorCount, @message, @holder) "
            + "ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id, connector_id = excluded.connector_id, kind = excluded.kind, status = excluded.status, started_at = excluded.started_at, finished_at = excluded.finished_at, high_water_mark = excluded.high_water_mark, counts = excluded.counts, errors = excluded.errors, error_count = excluded.error_count, status_message = excluded.status_message, lease_holder = excluded.lease_holder;",
            c => c.Text("id", run.Id).Text("t", run.TenantId).Text("c", run.ConnectorId).Text("kind", run.Kind.ToString()).Text("status", run.Status.ToString())
                .Bigint("started", Ticks(run.StartedAt)).Bigint("finished", TicksOrNull(run.FinishedAt)).Bigint("hwm", TicksOrNull(run.HighWaterMark))
                .Text("counts", JsonSerializer.Serialize(run.Counts.ToDictionary(), PostgreSqlJsonContext.Default.DictionaryStringEntitySyncCounts))
                .Text("errors", JsonSerializer.Serialize(run.Errors.ToList(), PostgreSqlJsonContext.Default.ListSyncError))
                .Bigint("errorCount", run.ErrorCount).Text("message", run.StatusMessage).Text("holder", run.LeaseHolder),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var runs = await _database.QueryAsync($"SELECT {RunColumns} FROM cv_sync_runs WHERE id = @id;", c => c.Text("id", runId), ReadRun, cancellationToken).ConfigureAwait(false);
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
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                SyncRun? run;
                using (var read = Command(connection, $"SELECT {RunColumns} FROM cv_sync_runs WHERE id = @id FOR UPDATE;", transaction).Text("id", runId))
                {
                    using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    run = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRun(reader) : null;
                }

                if (run is null || run.Status != SyncRunStatus.Running)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return run;
                }

                // The lease row stays locked until commit: a renewal, release or take-over waits and then sees the outcome.
                var key = SyncLease.KeyOf(run.ConnectorId, run.Kind);
                var lease = await ReadLeaseAsync(connection, transaction, run.TenantId, key, forUpdate: true, cancellationToken).ConfigureAwait(false);
                if (lease is not null && lease.IsLiveAt(now) && (run.LeaseHolder is null || lease.Holder == run.LeaseHolder))
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return run;
                }

                using (var update = Command(connection, "UPDATE cv_sync_runs SET status = @status, status_message = @message, finished_at = @now WHERE id = @id AND status = @running;", transaction)
                    .Text("id", runId).Text("status", nameof(SyncRunStatus.Interrupted)).Text("running", nameof(SyncRunStatus.Running)).Text("message", message).Bigint("now", Ticks(now)))
                {
                    await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (lease is not null && run.LeaseHolder is not null && lease.Holder == run.LeaseHolder)
                {
                    using var delete = Command(connection, "DELETE FROM cv_leases WHERE tenant_id = @t AND lease_key = @k AND holder = @h AND expires_at <= @now;", transaction)
                        .Text("t", run.TenantId).Text("k", key).Text("h", run.LeaseHolder).Bigint("now", Ticks(now));
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return run with { Status = SyncRunStatus.Interrupted, StatusMessage = message, FinishedAt = now };
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SyncRun>> ListRunsAsync(string tenantId, string connectorId, int limit = 20, CancellationToken cancellationToken = default)
        => await _database.QueryAsync(
            $"SELECT {RunColumns} FROM cv_sync_runs WHERE tenant_id = @t AND connector_id = @c ORDER BY started_at DESC, id DESC LIMIT @n;",
            c => c.Text("t", tenantId).Text("c", connectorId).Int("n", limit),
            ReadRun,
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<string?> GetCheckpointAsync(string tenantId, string connectorId, string scope, CancellationToken cancellationToken = default)
        => await _database.ScalarAsync("SELECT value FROM cv_checkpoints WHERE tenant_id = @t AND connector_id = @c AND scope = @s;", c => c.Text("t", tenantId).Text("c", connectorId).Text("s", scope), cancellationToken).ConfigureAwait(false) as string;

    /// <inheritdoc />
    public async Task SetCheckpointAsync(string tenantId, string connectorId, string scope, string? value, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await WriteCheckpointAsync(connection, null, new CheckpointWrite(tenantId, connectorId, scope, value), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> ListCheckpointsAsync(string tenantId, string connectorId, string scopePrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopePrefix);
        var rows = await _database.QueryAsync(
            "SELECT scope, value FROM cv_checkpoints WHERE tenant_id = @t AND connector_id = @c AND starts_with(scope, @s);",
            c => c.Text("t", tenantId).Text("c", connectorId).Text("s", scopePrefix),
            r => KeyValuePair.Create(r.GetString(0), r.GetString(1)),
            cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, string>(rows, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<long> GetIngestionWatermarkAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => await _database.ScalarAsync("SELECT watermark FROM cv_ingestion_watermarks WHERE tenant_id = @t AND connector_id = @c;", c => c.Text("t", tenantId).Text("c", connectorId), cancellationToken).ConfigureAwait(false) as long? ?? 0;

    /// <inheritdoc />
    public Task SetIngestionWatermarkAsync(string tenantId, string connectorId, long watermark, CancellationToken cancellationToken = default)
        => _database.ExecuteAsync(
            "INSERT INTO cv_ingestion_watermarks (tenant_id, connector_id, watermark) VALUES (@t, @c, @w) ON CONFLICT (tenant_id, connector_id) DO UPDATE SET watermark = excluded.watermark;",
            c => c.Text("t", tenantId).Text("c", connectorId).Bigint("w", watermark),
            cancellationToken);

    /// <inheritdoc />
    public async Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var checkpoints = Command(connection, "DELETE FROM cv_checkpoints WHERE tenant_id = @t AND connector_id = @c;", transaction).Text("t", tenantId).Text("c", connectorId);
                using var watermark = Command(connection, "DELETE FROM cv_ingestion_watermarks WHERE tenant_id = @t AND connector_id = @c;", transaction).Text("t", tenantId).Text("c", connectorId);
                var deleted = await checkpoints.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await watermark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return deleted;
            }
        }
    }

    /// <inheritdoc />
    public async Task<SyncLease?> TryAcquireLeaseAsync(string tenantId, string connectorId, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var lease = new SyncLease(tenantId, connectorId, holder, now + duration);
        var changed = await _database.ExecuteAsync(
            "INSERT INTO cv_leases (tenant_id, lease_key, holder, expires_at) VALUES (@t, @k, @h, @exp) ON CONFLICT (tenant_id, lease_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at WHERE cv_leases.expires_at <= @now OR cv_leases.holder = excluded.holder;",
            c => BindLease(c, lease).Bigint("exp", Ticks(lease.ExpiresAt)).Bigint("now", Ticks(now)),
            cancellationToken).ConfigureAwait(false);
        return changed == 1 ? lease : null;
    }

    /// <inheritdoc />
    public async Task<SyncLease?> RenewLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var renewed = lease with { ExpiresAt = _time.GetUtcNow() + duration };
        var changed = await _database.ExecuteAsync(
            "UPDATE cv_leases SET expires_at = @exp WHERE tenant_id = @t AND lease_key = @k AND holder = @h;",
            c => BindLease(c, renewed).Bigint("exp", Ticks(renewed.ExpiresAt)),
            cancellationToken).ConfigureAwait(false);
        return changed == 1 ? renewed : null;
    }

    /// <inheritdoc />
    public async Task<SyncLease?> GetLeaseAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadLeaseAsync(connection, null, tenantId, connectorId, forUpdate: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await _database.ExecuteAsync("DELETE FROM cv_leases WHERE tenant_id = @t AND lease_key = @k AND holder = @h;", c => BindLease(c, lease), cancellationToken).ConfigureAwait(false);
    }

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

    private static SyncRun ReadRun(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        ConnectorId = reader.GetString(2),
        Kind = Enum.Parse<SyncKind>(reader.GetString(3)),
        Status = Enum.Parse<SyncRunStatus>(reader.GetString(4)),
        StartedAt = Time(reader, 5),
        FinishedAt = TimeOrNull(reader, 6),
        HighWaterMark = TimeOrNull(reader, 7),
        Counts = JsonSerializer.Deserialize(reader.GetString(8), PostgreSqlJsonContext.Default.DictionaryStringEntitySyncCounts) ?? [],
        Errors = JsonSerializer.Deserialize(reader.GetString(9), PostgreSqlJsonContext.Default.ListSyncError) ?? [],
        ErrorCount = reader.GetInt64(10),
        StatusMessage = StringOrNull(reader, 11),
        LeaseHolder = StringOrNull(reader, 12),
    };

    private static async Task<SyncLease?> ReadLeaseAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenantId, string key, bool forUpdate, CancellationToken cancellationToken)
    {
        using var command = Command(connection, "SELECT holder, expires_at FROM cv_leases WHERE tenant_id = @t AND lease_key = @k" + (forUpdate ? " FOR UPDATE;" : ";"), transaction).Text("t", tenantId).Text("k", key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new SyncLease(tenantId, key, reader.GetString(0), Time(reader, 1)) : null;
    }

    /// <summary>Binds a lease's row key and holder (<c>@t</c>, <c>@k</c>, <c>@h</c>); <see cref="SyncLease.ConnectorId"/> is the lease key.</summary>
    private static NpgsqlCommand BindLease(NpgsqlCommand command, SyncLease lease)
        => command.Text("t", lease.TenantId).Text("k", lease.ConnectorId).Text("h", lease.Holder);
}
