using Npgsql;
using NpgsqlTypes;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Internal;

/// <summary>Small helpers over Npgsql commands: typed parameters (nulls included), scalars, times as UTC ticks.</summary>
internal static class Sql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
        => new(sql, connection, transaction);

    public static NpgsqlCommand Add(this NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand Text(this NpgsqlCommand command, string name, string? value) => command.Add(name, NpgsqlDbType.Text, value);

    public static NpgsqlCommand Bigint(this NpgsqlCommand command, string name, long? value) => command.Add(name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand Int(this NpgsqlCommand command, string name, int value) => command.Add(name, NpgsqlDbType.Integer, value);

    public static NpgsqlCommand TextArray(this NpgsqlCommand command, string name, string?[] values) => command.Add(name, NpgsqlDbType.Array | NpgsqlDbType.Text, values);

    public static NpgsqlCommand BigintArray(this NpgsqlCommand command, string name, long?[] values) => command.Add(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, values);

    public static long Ticks(DateTimeOffset value) => value.UtcTicks;

    public static long? TicksOrNull(DateTimeOffset? value) => value?.UtcTicks;

    public static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? TimeOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    public static string? StringOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Writes one column of a binary <c>COPY</c> row: the value, or NULL.</summary>
    public static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        => value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, sql, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, sql, transaction);
        return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Sets (or, for a null value, deletes) one checkpoint row of <c>cv_checkpoints</c>: the sync state store's own writes and the raw store's batch-with-checkpoint both come here.</summary>
    public static async Task WriteCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CheckpointWrite checkpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = checkpoint.Value is null
            ? Command(connection, "DELETE FROM cv_checkpoints WHERE tenant_id = @t AND connector_id = @c AND scope = @s;", transaction)
            : Command(connection, "INSERT INTO cv_checkpoints (tenant_id, connector_id, scope, value, updated_at) VALUES (@t, @c, @s, @v, @now) ON CONFLICT (tenant_id, connector_id, scope) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;", transaction)
                .Text("v", checkpoint.Value).Bigint("now", Ticks(now));
        command.Text("t", checkpoint.TenantId).Text("c", checkpoint.ConnectorId).Text("s", checkpoint.Scope);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes transaction-level advisory locks on the given (tenant, connector) pairs, in a fixed order (no deadlocks). Writers
    /// of one connector's raw records hold it while they draw change sequences and until they commit, so a connector's
    /// sequences become visible in increasing order: a reader that saw sequence N never later finds a committed M &lt; N.
    /// </summary>
    public static async Task LockConnectorsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<(string Tenant, string Connector)> connectors, CancellationToken cancellationToken)
    {
        var keys = connectors.Distinct().Select(c => c.Tenant + "\u001f" + c.Connector).Order(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0)
        {
            return;
        }

        using var command = Command(connection, "SELECT pg_advisory_xact_lock(hashtextextended(k, 7)) FROM unnest(@keys) WITH ORDINALITY AS u(k, n) ORDER BY n;", transaction)
            .TextArray("keys", keys);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
