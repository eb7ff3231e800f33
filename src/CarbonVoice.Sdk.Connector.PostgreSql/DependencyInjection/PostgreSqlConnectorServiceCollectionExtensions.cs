using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.PostgreSql;
using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL stores of the Carbon Voice connector.</summary>
public static class PostgreSqlConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Uses one PostgreSQL database for the raw data, chunks, sync state, run progress and sync schedules (replacing any
    /// store registered before; call it before or after <c>AddCarbonVoiceConnector</c>). The options are validated at start-up;
    /// the schema is created by idempotent migrations on first use. Every process and machine pointed at the same database
    /// shares leases, checkpoints and data.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    public static IServiceCollection AddCarbonVoiceConnectorPostgreSql(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddCarbonVoiceConnectorPostgreSql(o => o.ConnectionString = connectionString);
    }

    /// <summary>Uses PostgreSQL stores configured from a section (<c>ConnectionString</c>, <c>Schema</c>, <c>CopyThreshold</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section.</param>
    public static IServiceCollection AddCarbonVoiceConnectorPostgreSql(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddCarbonVoiceConnectorPostgreSql(section.Bind);
    }

    /// <summary>Uses PostgreSQL stores configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    public static IServiceCollection AddCarbonVoiceConnectorPostgreSql(this IServiceCollection services, Action<PostgreSqlConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PostgreSqlConnectorOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlConnectorOptions>, PostgreSqlConnectorOptionsValidator>());
        services.RemoveAll<PostgreSqlConnectorDatabase>();
        services.AddSingleton(sp => new PostgreSqlConnectorDatabase(sp.GetRequiredService<IOptions<PostgreSqlConnectorOptions>>().Value, sp.GetService<ILoggerFactory>()?.CreateLogger("CarbonVoice.Sdk.Connector.PostgreSql")));
        services.RemoveAll<IRawDataStore>();
        services.RemoveAll<IChunkStore>();
        services.RemoveAll<ISyncStateStore>();
        services.RemoveAll<IRunProgressStore>();
        services.RemoveAll<ISyncScheduleStore>();
        services.AddSingleton<IRawDataStore>(sp => new PostgreSqlRawDataStore(sp.GetRequiredService<PostgreSqlConnectorDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChunkStore>(sp => new PostgreSqlChunkStore(sp.GetRequiredService<PostgreSqlConnectorDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISyncStateStore>(sp => new PostgreSqlSyncStateStore(sp.GetRequiredService<PostgreSqlConnectorDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRunProgressStore>(sp => new PostgreSqlRunProgressStore(sp.GetRequiredService<PostgreSqlConnectorDatabase>()));
        services.AddSingleton<ISyncScheduleStore>(sp => new PostgreSqlSyncScheduleStore(sp.GetRequiredService<PostgreSqlConnectorDatabase>()));
        return services;
    }

    /// <summary>
    /// Keeps the SDK's tokens in the connector's PostgreSQL database (table <c>cv_tokens</c>; call
    /// <see cref="AddCarbonVoiceConnectorPostgreSql(IServiceCollection, Action{PostgreSqlConnectorOptions})"/> too), encrypted with
    /// the registered <see cref="ITokenProtector"/> (for example <c>.UseDataProtectionTokenProtector()</c>), with a compare-and-swap
    /// that holds across processes and machines. Without a protector the first token read or write fails, naming what to register.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    public static ICarbonVoiceBuilder UsePostgreSqlTokenStore(this ICarbonVoiceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ITokenStore>(sp => new PostgreSqlTokenStore(
            sp.GetService<PostgreSqlConnectorDatabase>() ?? throw new InvalidOperationException("UsePostgreSqlTokenStore() needs AddCarbonVoiceConnectorPostgreSql(...)."),
            sp.GetService<ITokenProtector>() ?? throw new InvalidOperationException("UsePostgreSqlTokenStore() encrypts tokens with an ITokenProtector, and none is registered: call .UseDataProtectionTokenProtector() (CarbonVoice.Sdk.DataProtection), register your own, or register UnprotectedTokenProtector.Instance to store clear text on purpose."),
            sp.GetRequiredService<TimeProvider>())));
        return builder;
    }
}
