using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using Npgsql;
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
        await ExecuteAsync(
            "INSERT INTO cv_sync_schedules (tenant_id, connector_id, interval_ticks, next_due_at) VALUES (@t, @c, @i, @due) ON CONFLICT (tenant_id, connector_id) DO UPDATE SET interval_ticks = excluded.interval_ticks, next_due_at = excluded.next_due_at;",
            c => c.Text("t", schedule.TenantId).Text("c", schedule.ConnectorId).Bigint("i", schedule.Interval.Ticks).Bigint("due", Ticks(schedule.NextDueAt)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => ExecuteAsync("DELETE FROM cv_sync_schedules WHERE tenant_id = @t AND connector_id = @c;", c => c.Text("t", tenantId).Text("c", connectorId), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SyncSchedule>> ClaimDueAsync(DateTimeOffset now, TimeSpan claim, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var claimed = new List<SyncSchedule>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(
                connection,
                """
                UPDATE cv_sync_schedules s SET next_due_at = @claimed
                FROM (SELECT tenant_id, connector_id, next_due_at FROM cv_sync_schedules WHERE next_due_at <= @now ORDER BY next_due_at LIMIT @n FOR UPDATE SKIP LOCKED) due
                WHERE s.tenant_id = due.tenant_id AND s.connector_id = due.connector_id
                RETURNING s.tenant_id, s.connector_id, s.interval_ticks, due.next_due_at;
                """)
                .Bigint("now", Ticks(now)).Bigint("claimed", Ticks(now + claim)).Int("n", limit);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(new SyncSchedule(reader.GetString(0), reader.GetString(1), TimeSpan.FromTicks(reader.GetInt64(2)), Time(reader, 3)));
            }
        }

        return claimed;
    }

    /// <inheritdoc />
    public Task CompleteAsync(string tenantId, string connectorId, DateTimeOffset nextDueAt, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE cv_sync_schedules SET next_due_at = @due WHERE tenant_id = @t AND connector_id = @c;", c => c.Text("t", tenantId).Text("c", connectorId).Bigint("due", Ticks(nextDueAt)), cancellationToken);

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

    private async Task ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, sql);
            bind(command);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
