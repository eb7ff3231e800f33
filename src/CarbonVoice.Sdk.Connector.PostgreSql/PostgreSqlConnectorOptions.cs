namespace CarbonVoice.Sdk.Connector.PostgreSql;

/// <summary>How the PostgreSQL stores connect (section <c>CarbonVoice:PostgreSql</c> by convention).</summary>
public sealed class PostgreSqlConnectorOptions
{
    /// <summary>An Npgsql connection string, for example <c>Host=db;Database=bde;Username=cv;Password=…</c>. Required; never logged with its password.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The schema of the connector's tables (created when missing). <c>public</c> by default; lower-case letters, digits and <c>_</c>.</summary>
    public string Schema { get; set; } = "public";

    /// <summary>
    /// Batches of at least this many records or chunks are written by binary <c>COPY</c> into a temporary staging table and one
    /// <c>INSERT … ON CONFLICT</c> from it; smaller ones by one <c>INSERT … SELECT FROM unnest(…)</c>. 256 by default.
    /// </summary>
    public int CopyThreshold { get; set; } = 256;
}
