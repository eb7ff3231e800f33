using System.Text.Json;
using System.Text.Json.Serialization;
using CarbonVoice.Sample.Host.Backend;
using CarbonVoice.Sample.Host.Configuration;
using CarbonVoice.Sample.Host.ErrorHandling;
using CarbonVoice.Sample.Host.OAuth;
using CarbonVoice.Sample.Host.Persistence;
using CarbonVoice.Sample.Host.Progress;
using CarbonVoice.Sample.Host.Sync;
using CarbonVoice.Sample.Host.Tenancy;
using CarbonVoice.Sample.Host.Webhooks;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host;

/// <summary>
/// Registers everything the sample host needs. Options are read lazily, after the host is built; the two switches
/// (<c>Storage:Provider</c>, <c>Queue:Provider</c>) choose registrations, so they are read here.
/// </summary>
internal static class SampleHostServices
{
    public static IServiceCollection AddSampleHost(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageSettings.SectionName).Get<StorageSettings>() ?? new StorageSettings();
        var queue = configuration.GetSection(QueueSettings.SectionName).Get<QueueSettings>() ?? new QueueSettings();
        services.AddOptions<StorageSettings>().Bind(configuration.GetSection(StorageSettings.SectionName)).ValidateOnStart();
        services.AddOptions<QueueSettings>().Bind(configuration.GetSection(QueueSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<HostModeValidator>();
        services.AddSingleton<IValidateOptions<StorageSettings>>(sp => sp.GetRequiredService<HostModeValidator>());
        services.AddSingleton<IValidateOptions<QueueSettings>>(sp => sp.GetRequiredService<HostModeValidator>());
        services.AddOptions<SampleHostOptions>().Bind(configuration.GetSection(SampleHostOptions.SectionName));
        services.AddOptions<EmulatorSettings>().Bind(configuration.GetSection(EmulatorSettings.SectionName));
        services.AddOptions<TenancyOptions>().Bind(configuration.GetSection(TenancyOptions.SectionName));
        services.AddSingleton(TimeProvider.System);

        // JSON: snake_case like the guide's schemas.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });

        // Errors: RFC 7807 everywhere.
        services.AddProblemDetails();
        services.AddExceptionHandler<SampleExceptionHandler>();
        services.AddOpenApi();

        // Tenancy: a pluggable scheme; the default maps development API keys to tenants.
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<TenancyOptions>>((auth, tenancy) =>
        {
            auth.DefaultScheme = tenancy.Value.Scheme;
            auth.DefaultChallengeScheme = tenancy.Value.Scheme;
        });
        services.AddAuthorizationBuilder().AddPolicy(TenantClaims.Policy, policy => policy.RequireAuthenticatedUser().RequireClaim(TenantClaims.TenantId));

        // Carbon Voice: the emulator or the real service; tokens encrypted in the connector table.
        services.AddSingleton<CarbonVoiceBackend>();
        services.AddSingleton<EmbeddedBackendOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<CarbonVoiceOptions>>(sp => sp.GetRequiredService<EmbeddedBackendOptionsSetup>());
        services.AddSingleton<IPostConfigureOptions<CarbonVoiceWebhookOptions>>(sp => sp.GetRequiredService<EmbeddedBackendOptionsSetup>());
        var carbonVoice = services.AddCarbonVoice(configuration)
            .ConfigurePrimaryHandler(sp => sp.GetRequiredService<CarbonVoiceBackend>().CreatePrimaryHandler());
        services.AddHostedService<EmulatorWebhookSubscriber>();
        services.AddDataProtection().SetApplicationName("CarbonVoice.Sample.Host");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<SampleHostOptions>, IHostEnvironment, ILoggerFactory>((keys, sample, environment, loggers) =>
        {
            var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, sample.Value.DataProtectionKeysPath));
            PrivateFiles.EnsureDirectory(folder);
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
        });

        // Host state.
        services.AddSingleton<SampleDatabase>();
        services.AddSingleton<ConnectorRepository>();
        services.AddSingleton<ConnectorTokenStore>();
        services.AddSingleton<OAuthStateRepository>();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<OAuthFlow>();
        services.AddSingleton<RedirectUriResolver>();
        services.AddSingleton<WebhookProcessor>();
        services.AddSingleton<ProgressHub>();
        services.AddSingleton<ProgressTickets>();
        services.AddSingleton<SyncCoordinator>();
        services.AddSingleton<ConnectorData>();

        // The connector package's stores: in the same SQLite file (embedded default), or in PostgreSQL (shared with other host
        // instances and the workers; tokens then live in its cv_tokens, encrypted with this key ring, for the workers to use).
        // Guarded: any store failure surfaces as ConnectorStoreException, answered 503 (ErrorHandling/StoreFailure).
        if (storage.IsPostgreSql)
        {
            services.AddCarbonVoiceConnectorPostgreSql(o =>
            {
                o.ConnectionString = storage.ConnectionString ?? configuration.GetConnectionString("CarbonVoice");
                o.Schema = storage.Schema;
            });
            carbonVoice.UsePostgreSqlTokenStore().UseDataProtectionTokenProtector();
            Guard<IRawDataStore>(services, ConnectorStoreGuard.Wrap);
            Guard<IChunkStore>(services, ConnectorStoreGuard.Wrap);
            Guard<ISyncStateStore>(services, ConnectorStoreGuard.Wrap);
        }
        else
        {
            carbonVoice.UseTokenStore<ConnectorTokenStore>();
            services.AddSingleton<IRawDataStore>(sp => ConnectorStoreGuard.Wrap(new SqliteRawDataStore(sp.GetRequiredService<SampleDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));
            services.AddSingleton<IChunkStore>(sp => ConnectorStoreGuard.Wrap(new SqliteChunkStore(sp.GetRequiredService<SampleDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));
            services.AddSingleton<ISyncStateStore>(sp => ConnectorStoreGuard.Wrap(new SqliteSyncStateStore(sp.GetRequiredService<SampleDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));
        }

        // The host runs ingestion itself (after a sync and on POST /ingest) so that its progress reaches the WebSocket; in queue
        // mode it only queues jobs (syncs, webhook deltas), the workers run them, and their progress comes back through the store.
        services.AddCarbonVoiceConnector(connector =>
        {
            connector.Sync.EnqueueIngestionAfterSync = false;
            connector.Sync.FetchTextAttachments = true;
            connector.RunIngestionWorker = false;
        });
        if (queue.IsAzureStorage)
        {
            services.AddCarbonVoiceConnectorAzureQueues(o =>
            {
                configuration.GetSection(QueueSettings.SectionName).Bind(o);
                o.ConnectionString = queue.ConnectionString ?? configuration.GetConnectionString("Queue");
            });
            services.AddSingleton(sp => new HostRunMode(sp.GetRequiredService<IConnectorJobQueue>()));
            services.AddSingleton<RunProgressRelay>();
            services.AddHostedService(sp => sp.GetRequiredService<RunProgressRelay>());
            services.AddSingleton<IConnectorRunner, QueuedConnectorRunner>();
        }
        else
        {
            services.AddSingleton(new HostRunMode(null));
            services.AddSingleton<IConnectorRunner, ConnectorPackageRunner>();
        }

        services.AddSingleton<InterruptedRunResumer>();
        services.AddHostedService(sp => sp.GetRequiredService<InterruptedRunResumer>());
        services.AddHostedService<RunDrainOnStop>();
        return services;
    }

    /// <summary>Wraps the store a package registered (so its failures answer 503 like the SQLite stores').</summary>
    private static void Guard<TStore>(IServiceCollection services, Func<TStore, TStore> wrap)
        where TStore : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TStore));
        services.Remove(registered);
        services.AddSingleton(sp => wrap((TStore)(registered.ImplementationFactory?.Invoke(sp) ?? registered.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }
}
