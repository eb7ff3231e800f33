using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using static CarbonVoice.Sdk.Connector.PostgreSql.Internal.Sql;

namespace CarbonVoice.Sdk.Connector.PostgreSql;

/// <summary>
/// An <see cref="ISyncScheduleStore"/> over PostgreSQL (table <c>cv_sync_schedules</c>). <see cref="ClaimDueAsync"/> is one
/// <c>UPDATE … WHERE … IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING</c>: schedulers on several machines claim disjoint sets.
/// </summary>
public sealed class PostgreSqlSyncScheduleStore : ISyncScheduleStore, IAsyncDisposable, IDisposable
{
    private readonly PostgreSqlConnectorDatabase _database;
    private readonly bool _ownsDatabase;

    /// <summary>Creates the store over its own connection pool; the schema is created on first use.</summary>
    /// <param name="options">The connection string and schema.</param>
    public PostgreSqlSyncScheduleStore(PostgreSqlConnectorOptions options)
        : this(new PostgreSqlConnectorDatabase(options), ownsDatabase: true)
    {
    }

    internal PostgreSqlSyncScheduleStore(PostgreSqlConnectorDatabase database, bool ownsDatabase = false)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    /// <inheritdoc />
    public async Task SetAsync(SyncSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(schedule.Interval, TimeSpan.Zero);
        await _database.ExecuteAsync(
            "INSERT INTO cv_sync_schedules (tenant_id, connector_id, interval_ticks, next_due_at) VALUES (@t, @c, @i, @due) ON CONFLICT (tenant_id, connector_id) DO UPDATE SET interval_ticks = excluded.interval_ticks, next_due_at = excluded.next_due_at;",
            c => c.Text("t", schedule.TenantId).Text("c", schedule.ConnectorId).Bigint("i", schedule.Interval.Ticks).Bigint("due", Ticks(schedule.NextDueAt)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => _database.ExecuteAsync("DELETE FROM cv_sync_schedules WHERE tenant_id = @t AND connector_id = @c;", c => c.Text("t", tenantId).Text("c", connectorId), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SyncSchedule>> ClaimDueAsync(DateTimeOffset now, TimeSpan claim, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await _database.QueryAsync(
            """
            UPDATE cv_sync_schedules s SET next_due_at = @claimed
            FROM (SELECT tenant_id, connector_id, next_due_at FROM cv_sync_schedules WHERE next_due_at <= @now ORDER BY next_due_at LIMIT @n FOR UPDATE SKIP LOCKED) due
            WHERE s.tenant_id = due.tenant_id AND s.connector_id = due.connector_id
            RETURNING s.tenant_id, s.connector_id, s.interval_ticks, due.next_due_at;
            """,
            c => c.Bigint("now", Ticks(now)).Bigint("claimed", Ticks(now + claim)).Int("n", limit),
            r => new SyncSchedule(r.GetString(0), r.GetString(1), TimeSpan.FromTicks(r.GetInt64(2)), Time(r, 3)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task CompleteAsync(string tenantId, string connectorId, DateTimeOffset nextDueAt, CancellationToken cancellationToken = default)
        => _database.ExecuteAsync("UPDATE cv_sync_schedules SET next_due_at = @due WHERE tenant_id = @t AND connector_id = @c;", c => c.Text("t", tenantId).Text("c", connectorId).Bigint("due", Ticks(nextDueAt)), cancellationToken);

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
}
