using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// The host's own tables — connectors (with their encrypted tokens in SQLite mode), OAuth states and webhook deliveries — in
/// the SQLite file (the embedded default) or in PostgreSQL (<c>Storage:Provider</c>), shared there by every host instance. The
/// schema is created on first use (in PostgreSQL under an advisory lock, so instances starting together are safe).
/// </summary>
internal sealed class ConnectorDatabase : IDisposable
{
    private const string SqliteSchema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS connectors (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            company_id TEXT NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            status_message TEXT NULL,
            external_user_id TEXT NULL,
            external_user_email TEXT NULL,
            external_company_id TEXT NULL,
            external_company_name TEXT NULL,
            enabled_entities TEXT NOT NULL,
            token_protected TEXT NULL,
            token_expires_at TEXT NULL,
            last_sync_log_id TEXT NULL,
            last_sync_at TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_connectors_tenant_company ON connectors (tenant_id, company_id);
        CREATE INDEX IF NOT EXISTS ix_connectors_external_user ON connectors (external_user_id);
        CREATE TABLE IF NOT EXISTS oauth_states (
            state_hash TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            company_id TEXT NOT NULL,
            code_verifier_protected TEXT NULL,
            redirect_uri TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT NULL,
            browser_binding_hash TEXT NULL
        );
        CREATE TABLE IF NOT EXISTS webhook_deliveries (
            delivery_hash TEXT PRIMARY KEY,
            event_name TEXT NULL,
            received_at TEXT NOT NULL
        );
        """;

    // The same tables; text compared ordinally ("C"), so ISO times compare as times whatever the database's locale.
    private const string PostgreSqlSchema = """
        SELECT pg_advisory_xact_lock(4390571);
        CREATE TABLE IF NOT EXISTS connectors (
            id text COLLATE "C" PRIMARY KEY,
            tenant_id text COLLATE "C" NOT NULL,
            company_id text COLLATE "C" NOT NULL,
            name text NOT NULL,
            status text NOT NULL,
            status_message text NULL,
            external_user_id text COLLATE "C" NULL,
            external_user_email text NULL,
            external_company_id text NULL,
            external_company_name text NULL,
            enabled_entities text NOT NULL,
            token_protected text NULL,
            token_expires_at text COLLATE "C" NULL,
            last_sync_log_id text NULL,
            last_sync_at text COLLATE "C" NULL,
            created_at text COLLATE "C" NOT NULL,
            updated_at text COLLATE "C" NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_connectors_tenant_company ON connectors (tenant_id, company_id);
        CREATE INDEX IF NOT EXISTS ix_connectors_external_user ON connectors (external_user_id);
        CREATE TABLE IF NOT EXISTS oauth_states (
            state_hash text COLLATE "C" PRIMARY KEY,
            tenant_id text NOT NULL,
            company_id text NOT NULL,
            code_verifier_protected text NULL,
            redirect_uri text NOT NULL,
            created_at text COLLATE "C" NOT NULL,
            expires_at text COLLATE "C" NOT NULL,
            used_at text NULL,
            browser_binding_hash text NULL
        );
        CREATE TABLE IF NOT EXISTS webhook_deliveries (
            delivery_hash text COLLATE "C" PRIMARY KEY,
            event_name text NULL,
            received_at text COLLATE "C" NOT NULL
        );
        """;

    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly Lazy<Task> _schema;
    private readonly IServiceProvider? _services;

    /// <summary>Resolves the SQLite file (relative to the content root) or the PostgreSQL database; the schema is created on first use.</summary>
    public ConnectorDatabase(IOptions<CarbonVoiceConnectorEndpointsOptions> options, IOptions<ConnectorStorageOptions> storage, IHostEnvironment environment, IServiceProvider? services = null)
    {
        _services = services;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(environment);
        IsPostgreSql = storage.Value.IsPostgreSql;
        if (IsPostgreSql)
        {
            FilePath = string.Empty;
            Schema = storage.Value.Schema;
            _connectionString = new NpgsqlConnectionStringBuilder(storage.Value.ConnectionString ?? throw new InvalidOperationException("Storage provider PostgreSql needs a connection string.")) { SearchPath = Schema }.ConnectionString;
            _postgres = NpgsqlDataSource.Create(_connectionString);
        }
        else
        {
            FilePath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DatabasePath));
            Schema = string.Empty;
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = FilePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Default,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();

            // Before anything opens it (the connector's stores share the file): owner-only, with its WAL files.
            PrivateFiles.EnsureFile(FilePath);
        }

        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    /// <summary>Whether the tables live in PostgreSQL.</summary>
    public bool IsPostgreSql { get; }

    /// <summary>The absolute path of the SQLite file (empty in PostgreSQL mode).</summary>
    public string FilePath { get; }

    /// <summary>The PostgreSQL schema (empty in SQLite mode).</summary>
    public string Schema { get; }

    /// <summary>The connection string (the SQLite one is also used by the connector's SQLite stores). Never logged.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Opens a connection, creating the schema on first use.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        await _schema.Value.WaitAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _postgres?.Dispose();

    private async Task<DbConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenRawAsync(CancellationToken.None);
        if (IsPostgreSql)
        {
            // The connector's tables first: the connector queries read its cv_tokens (one count runs its migrations).
            if (_services?.GetService<CarbonVoice.Sdk.Connector.IRawDataStore>() is { } raw)
            {
                await raw.CountAsync("-", "-");
            }

            await using var transaction = await connection.BeginTransactionAsync();
            await using var create = connection.Command($"CREATE SCHEMA IF NOT EXISTS \"{Schema}\";" + PostgreSqlSchema);
            create.Transaction = transaction;
            await create.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema;
        await command.ExecuteNonQueryAsync();

        // Files created before the browser binding existed get its column (pending states without it are refused).
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('oauth_states') WHERE name = 'browser_binding_hash'";
        if (Convert.ToInt64(await columns.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            await using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE oauth_states ADD COLUMN browser_binding_hash TEXT NULL";
            await alter.ExecuteNonQueryAsync();
        }
    }
}
