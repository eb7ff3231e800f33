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

/// <summary>Registers everything the sample host needs. Configuration is read lazily, after the host is built.</summary>
internal static class SampleHostServices
{
    public static IServiceCollection AddSampleHost(this IServiceCollection services, IConfiguration configuration)
    {
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
        services.AddCarbonVoice(configuration)
            .UseTokenStore<ConnectorTokenStore>()
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

        // The connector package over SQLite stores in the same file; the host runs ingestion itself (after a sync
        // and on POST /ingest) so that its progress reaches the WebSocket.
        // Guarded: any store failure surfaces as ConnectorStoreException, answered 503 (ErrorHandling/StoreFailure).
        services.AddSingleton<IRawDataStore>(sp => ConnectorStoreGuard.Wrap(new SqliteRawDataStore(sp.GetRequiredService<SampleDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<IChunkStore>(sp => ConnectorStoreGuard.Wrap(new SqliteChunkStore(sp.GetRequiredService<SampleDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<ISyncStateStore>(sp => ConnectorStoreGuard.Wrap(new SqliteSyncStateStore(sp.GetRequiredService<SampleDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));
        services.AddCarbonVoiceConnector(connector =>
        {
            connector.Sync.EnqueueIngestionAfterSync = false;
            connector.Sync.FetchTextAttachments = true;
            connector.RunIngestionWorker = false;
        });
        services.AddSingleton<IConnectorRunner, ConnectorPackageRunner>();
        services.AddSingleton<InterruptedRunResumer>();
        services.AddHostedService(sp => sp.GetRequiredService<InterruptedRunResumer>());
        services.AddHostedService<RunDrainOnStop>();
        return services;
    }
}
