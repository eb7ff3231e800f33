using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Carbon Voice connector: sync, ingestion, stores, queue and worker.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sync service, the ingestion service, in-memory stores (unless a store is already registered, for
    /// example by <c>AddCarbonVoiceConnectorSqlite</c>), the cl100k_base token counter, the keyword pillar mapper,
    /// the in-process ingestion queue and its hosted worker, <see cref="SyncRunRecovery"/> (dead runs, what to resume), and for
    /// workers the <see cref="ConnectorJobHandler"/>, an in-memory <see cref="IRunProgressStore"/> and <see cref="ISyncScheduleStore"/>,
    /// and the <see cref="SyncScheduler"/> (which needs an <see cref="IConnectorJobQueue"/>, for example <c>AddCarbonVoiceConnectorAzureQueues</c>).
    /// Every part is registered with <c>TryAdd</c> and can be replaced.
    /// The sync uses <see cref="ICarbonVoiceClientFactory"/> from <c>AddCarbonVoice(...)</c> when no client is passed.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures sync, ingestion and pillar options.</param>
    public static IServiceCollection AddCarbonVoiceConnector(this IServiceCollection services, Action<CarbonVoiceConnectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CarbonVoiceConnectorOptions();
        configure?.Invoke(options);
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Options.Options.Create(options.Sync));
        services.TryAddSingleton(Options.Options.Create(options.Ingestion));
        services.TryAddSingleton(Options.Options.Create(options.Pillars));
        services.TryAddSingleton<IRawDataStore>(sp => new InMemoryRawDataStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IChunkStore>(sp => new InMemoryChunkStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISyncStateStore>(sp => new InMemorySyncStateStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ITokenCounter>(_ => TiktokenTokenCounter.Shared);
        services.TryAddSingleton<IPillarMapper, KeywordPillarMapper>();
        services.TryAddSingleton<IIngestionQueue, ChannelIngestionQueue>();
        services.TryAddSingleton<ICarbonVoiceIngestionService, CarbonVoiceIngestionService>();
        services.TryAddSingleton<ICarbonVoiceSyncService>(sp => new CarbonVoiceSyncService(
            sp.GetRequiredService<IRawDataStore>(),
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetRequiredService<IOptions<SyncOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<CarbonVoiceSyncService>>(),
            sp.GetService<ICarbonVoiceClientFactory>(),
            sp.GetService<IIngestionQueue>()));
        services.TryAddSingleton(sp => new SyncRunRecovery(
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetRequiredService<IRawDataStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<SyncRunRecovery>>()));
        services.AddOptions<ConnectorJobOptions>();
        services.TryAddSingleton<IRunProgressStore, InMemoryRunProgressStore>();
        services.TryAddSingleton<ISyncScheduleStore, InMemorySyncScheduleStore>();
        services.TryAddSingleton(sp => new ConnectorJobHandler(
            sp.GetRequiredService<ICarbonVoiceSyncService>(),
            sp.GetRequiredService<ICarbonVoiceIngestionService>(),
            sp.GetRequiredService<SyncRunRecovery>(),
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetRequiredService<IOptions<ConnectorJobOptions>>(),
            sp.GetService<IRunProgressStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<ConnectorJobHandler>>()));
        services.TryAddSingleton(sp => new SyncScheduler(
            sp.GetRequiredService<ISyncScheduleStore>(),
            sp.GetRequiredService<IConnectorJobQueue>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<SyncScheduler>>()));
        if (options.RunIngestionWorker)
        {
            services.AddHostedService<IngestionWorker>();
        }

        return services;
    }
}
