using Microsoft.Data.Sqlite;

namespace CarbonVoice.Sdk.Connector.Sqlite.Internal;

/// <summary>
/// Opens connections to one SQLite database and creates its schema on first use (idempotent, versioned
/// migrations under <c>BEGIN IMMEDIATE</c>, so two processes starting at once are safe). Files use WAL mode.
/// An in-memory database (<c>Mode=Memory</c>) is kept alive by one open connection for the life of this object.
/// A locked database is waited for as long as the connection string's <c>Default Timeout</c> (30 seconds by default).
/// </summary>
internal sealed class SqliteConnectorDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly SqliteConnection? _keepAlive;
    private readonly string _pragmas;
    private volatile bool _ready;

    public SqliteConnectorDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            if (builder.Mode == SqliteOpenMode.Memory)
            {
                builder.Cache = SqliteCacheMode.Shared;
            }

            _keepAlive = new SqliteConnection(builder.ToString());
            _keepAlive.Open();
        }

        _connectionString = builder.ToString();
        var busyMilliseconds = Math.Max(0, builder.DefaultTimeout) * 1000L;
        _pragmas = $"PRAGMA busy_timeout = {busyMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; PRAGMA synchronous = NORMAL;";
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, _pragmas, cancellationToken).ConfigureAwait(false);
            if (!_ready)
            {
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        _keepAlive?.Dispose();
        _initGate.Dispose();
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            if (_keepAlive is null)
            {
                await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS cv_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);", cancellationToken, transaction).ConfigureAwait(false);
            long current;
            using (var read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM cv_schema_version;";
                current = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            foreach (var (version, sql) in SqliteSchema.Migrations)
            {
                if (version <= current)
                {
                    continue;
                }

                await ExecuteAsync(connection, sql, cancellationToken, transaction).ConfigureAwait(false);
                using var mark = connection.CreateCommand();
                mark.Transaction = transaction;
                mark.CommandText = "INSERT INTO cv_schema_version (version, applied_at) VALUES ($v, datetime('now'));";
                mark.Parameters.AddWithValue("$v", version);
                await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _initGate.Release();
        }
    }
}
