using CarbonVoice.Sample.Host.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Persistence;

/// <summary>The host's SQLite file: connectors (with their encrypted tokens), OAuth states and webhook deliveries.</summary>
public sealed class SampleDatabase
{
    private const string Schema = """
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

    private readonly string _connectionString;
    private readonly Lazy<Task> _schema;

    /// <summary>Resolves the file path (relative to the content root); the schema is created on first use.</summary>
    public SampleDatabase(IOptions<SampleHostOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        FilePath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DatabasePath));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<Task>(CreateSchemaAsync);

        // Before anything opens it (the connector's stores share the file): owner-only, with its WAL files.
        PrivateFiles.EnsureFile(FilePath);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The connection string (also used by the connector's SQLite stores).</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Opens a connection, creating the schema on first use.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        await _schema.Value.WaitAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
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
