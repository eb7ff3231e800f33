using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;
using static CarbonVoice.Sdk.Connector.PostgreSql.Internal.Sql;

namespace CarbonVoice.Sdk.Connector.PostgreSql;

/// <summary>An <see cref="IRunProgressStore"/> over PostgreSQL (table <c>cv_run_progress</c>, numbered by a <c>bigserial</c>): workers append, hosts read through <see cref="RunProgressFeed"/>.</summary>
public sealed class PostgreSqlRunProgressStore : IRunProgressStore, IAsyncDisposable, IDisposable
{
    private const string Columns = "tenant_id, connector_id, job_id, run_id, kind, status, is_final, busy_until, phase, entity_type, processed, percent, message, at";
    private readonly PostgreSqlConnectorDatabase _database;
    private readonly bool _ownsDatabase;

    /// <summary>Creates the store over its own connection pool; the schema is created on first use.</summary>
    /// <param name="options">The connection string and schema.</param>
    public PostgreSqlRunProgressStore(PostgreSqlConnectorOptions options)
        : this(new PostgreSqlConnectorDatabase(options), ownsDatabase: true)
    {
    }

    internal PostgreSqlRunProgressStore(PostgreSqlConnectorDatabase database, bool ownsDatabase = false)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    /// <inheritdoc />
    public async Task AppendAsync(RunProgressEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _database.ExecuteAsync(
            $"INSERT INTO cv_run_progress ({Columns}) VALUES (@t, @c, @job, @run, @kind, @status, @final, @busy, @phase, @entity, @processed, @percent, @message, @at);",
            c => c.Text("t", entry.TenantId).Text("c", entry.ConnectorId).Text("job", entry.JobId).Text("run", entry.RunId).Text("kind", entry.Kind.ToString())
                .Text("status", entry.Status.ToString()).Add("final", NpgsqlDbType.Boolean, entry.IsFinal).Bigint("busy", TicksOrNull(entry.BusyUntil)).Text("phase", entry.Phase).Text("entity", entry.EntityType).Bigint("processed", entry.Processed)
                .Add("percent", NpgsqlDbType.Double, entry.Percent).Text("message", entry.Message).Bigint("at", Ticks(entry.At)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunProgressEntry>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await _database.QueryAsync(
            $"SELECT sequence, {Columns} FROM cv_run_progress WHERE sequence > @after ORDER BY sequence LIMIT @n;",
            c => c.Bigint("after", afterSequence).Int("n", limit),
            Read,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default)
        => (long)(await _database.ScalarAsync("SELECT COALESCE(MAX(sequence), 0) FROM cv_run_progress;", static _ => { }, cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
        => _database.ExecuteAsync("DELETE FROM cv_run_progress WHERE at < @before;", c => c.Bigint("before", Ticks(before)), cancellationToken);

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

    private static RunProgressEntry Read(NpgsqlDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        TenantId = reader.GetString(1),
        ConnectorId = reader.GetString(2),
        JobId = StringOrNull(reader, 3),
        RunId = StringOrNull(reader, 4),
        Kind = Enum.Parse<SyncKind>(reader.GetString(5)),
        Status = Enum.Parse<SyncRunStatus>(reader.GetString(6)),
        IsFinal = reader.GetBoolean(7),
        BusyUntil = TimeOrNull(reader, 8),
        Phase = StringOrNull(reader, 9),
        EntityType = StringOrNull(reader, 10),
        Processed = reader.GetInt64(11),
        Percent = reader.IsDBNull(12) ? null : reader.GetDouble(12),
        Message = StringOrNull(reader, 13),
        At = Time(reader, 14),
    };
}
