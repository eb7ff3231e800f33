using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Internal;

/// <summary>The PostgreSQL stores' log messages (source-generated). Connection strings appear only as <see cref="PostgreSqlConnectorDatabase.Describe"/> gives them: never a password.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Applied connector schema migration {Version} on {Database}.")]
    public static partial void Migrated(ILogger logger, int version, string database);
}
