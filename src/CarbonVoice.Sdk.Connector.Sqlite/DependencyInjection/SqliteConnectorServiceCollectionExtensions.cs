using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Connector.Sqlite.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite stores of the Carbon Voice connector.</summary>
public static class SqliteConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Uses one SQLite database for the raw data, chunks and sync state (replacing any store registered before;
    /// call it before or after <c>AddCarbonVoiceConnector</c>). The schema is created on first use.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=carbonvoice.db</c>.</param>
    public static IServiceCollection AddCarbonVoiceConnectorSqlite(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<SqliteConnectorDatabase>();
        services.AddSingleton(_ => new SqliteConnectorDatabase(connectionString));
        services.RemoveAll<IRawDataStore>();
        services.RemoveAll<IChunkStore>();
        services.RemoveAll<ISyncStateStore>();
        services.AddSingleton<IRawDataStore>(sp => new SqliteRawDataStore(sp.GetRequiredService<SqliteConnectorDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChunkStore>(sp => new SqliteChunkStore(sp.GetRequiredService<SqliteConnectorDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISyncStateStore>(sp => new SqliteSyncStateStore(sp.GetRequiredService<SqliteConnectorDatabase>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
