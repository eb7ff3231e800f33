using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Internal;

/// <summary>
/// One Npgsql data source for the connector's tables, and their schema: created on first use by idempotent, versioned
/// migrations inside one transaction that holds a transaction-level advisory lock, so several processes (or machines)
/// starting at once apply them exactly once. A failed migration is retried by the next call.
/// </summary>
internal sealed partial class PostgreSqlConnectorDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The advisory lock key of the migrations (any constant unique to this package).</summary>
    private const long MigrationLock = 0x43_56_43_4F_4E_4E_01;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly ILogger _logger;
    private volatile bool _ready;

    public PostgreSqlConnectorDatabase(PostgreSqlConnectorOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        if (!IsValidSchema(options.Schema))
        {
            throw new ArgumentException($"Schema {SchemaRule}", nameof(options));
        }

        Schema = options.Schema;
        CopyThreshold = Math.Max(1, options.CopyThreshold);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = options.Schema };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Description = Describe(builder);
        _logger = logger ?? NullLogger.Instance;
    }

    public string Schema { get; }

    public int CopyThreshold { get; }

    /// <summary>Host, port, database and schema, for logs: never the password.</summary>
    public string Description { get; }

    /// <summary>What a valid schema name is (see <see cref="IsValidSchema"/>), for error messages.</summary>
    public const string SchemaRule = "must be 1-63 lower-case letters, digits or '_', starting with a letter or '_'.";

    public static bool IsValidSchema(string? schema) => schema is not null && SchemaName().IsMatch(schema);

    /// <summary>The connection string's host, port, database and user, without its password or any other secret.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
        => $"Host={builder.Host};Port={builder.Port};Database={builder.Database};Username={builder.Username};Schema={builder.SearchPath}";

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one statement on a connection of its own (its own transaction) and returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Sql.Command(connection, sql);
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one query on a connection of its own and returns its first column of its first row (null when none).</summary>
    public async Task<object?> ScalarAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Sql.Command(connection, sql);
            bind(command);
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }

    /// <summary>Runs one query on a connection of its own and reads every row with <paramref name="read"/>.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Sql.Command(connection, sql);
            bind(command);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }
        }

        return rows;
    }

    public void Dispose() => _dataSource.Dispose();

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await Sql.ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock}); CREATE SCHEMA IF NOT EXISTS \"{Schema}\"; CREATE TABLE IF NOT EXISTS cv_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());", cancellationToken).ConfigureAwait(false);
                    var current = await Sql.ScalarAsync<int>(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM cv_schema_version;", cancellationToken).ConfigureAwait(false);
                    foreach (var (version, sql) in PostgreSqlSchema.Migrations)
                    {
                        if (version <= current)
                        {
                            continue;
                        }

                        await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
                        await Sql.ExecuteAsync(connection, transaction, $"INSERT INTO cv_schema_version (version) VALUES ({version});", cancellationToken).ConfigureAwait(false);
                        Log.Migrated(_logger, version, Description);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            _ready = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
