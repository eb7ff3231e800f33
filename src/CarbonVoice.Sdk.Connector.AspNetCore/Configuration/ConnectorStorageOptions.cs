namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Where the host keeps its state (section <c>Storage</c>): the embedded SQLite file, or a PostgreSQL database shared by hosts and workers.</summary>
public sealed class ConnectorStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>The embedded default: one SQLite file (<see cref="CarbonVoiceConnectorEndpointsOptions.DatabasePath"/>).</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>PostgreSQL: the host's tables and the connector's stores in one database, tokens in <c>cv_tokens</c>.</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary><see cref="Sqlite"/> (default) or <see cref="PostgreSql"/>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The PostgreSQL connection string . Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema of every table. <c>public</c> by default.</summary>
    public string Schema { get; set; } = "public";

    /// <summary>Whether the PostgreSQL provider is selected.</summary>
    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);
}
