using System.Text.Json;
using System.Text.Json.Serialization;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services behind <c>MapCarbonVoiceConnector</c> and <c>MapCarbonVoiceProgress</c>.</summary>
public static class CarbonVoiceConnectorEndpointsServiceCollectionExtensions
{
    /// <summary>
    /// Adds what the connector's routes need: the connector (<c>AddCarbonVoiceConnector</c>, with ingestion run by this
    /// host so that its progress reaches the WebSocket), its stores and the connectors, OAuth states, webhook deliveries and
    /// encrypted tokens in one SQLite file (<see cref="CarbonVoiceConnectorEndpointsOptions.DatabasePath"/>; PostgreSQL with
    /// <see cref="CarbonVoiceConnectorEndpointsBuilder.UsePostgreSql"/>), Data Protection for the tokens, the tenant policy
    /// (<see cref="TenantClaims.Policy"/>, tenants from <see cref="ITenantResolver"/>), problem details for every error (a store
    /// that cannot serve answers 503), snake_case JSON, and a <c>connector_store</c> health check tagged <c>ready</c>.
    /// Call <c>AddCarbonVoice(...)</c> too (the SDK: client id, secret, redirect URI, webhook secret). Every part registered
    /// with <c>TryAdd</c> can be replaced, before or after this call, or through the builder's <c>Use…</c> methods.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the endpoint options.</param>
    /// <param name="configureConnector">Sets the connector's sync, ingestion and pillar options.</param>
    /// <returns>A builder to change the storage, the run mode and the pluggable parts.</returns>
    public static CarbonVoiceConnectorEndpointsBuilder AddCarbonVoiceConnectorEndpoints(
        this IServiceCollection services, Action<CarbonVoiceConnectorEndpointsOptions>? configure = null, Action<CarbonVoiceConnectorOptions>? configureConnector = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CarbonVoiceConnectorEndpointsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<ConnectorStorageOptions>();
        services.TryAddSingleton(TimeProvider.System);

        // JSON: snake_case like the guide's schemas; errors: RFC 7807 everywhere.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ConnectorExceptionHandler>();
        services.AddDataProtection();

        // Tenancy: the host authenticates; the resolver names the tenant; the policy requires one.
        services.TryAddSingleton<ITenantResolver, ClaimsTenantResolver>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, TenantRequirementHandler>());
        services.AddAuthorizationBuilder().AddPolicy(TenantClaims.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new TenantRequirement()));

        // Host state: connectors (with their encrypted tokens), OAuth states, webhook deliveries.
        services.TryAddSingleton<ConnectorRoutes>();
        services.TryAddSingleton<ConnectorDatabase>();
        services.TryAddSingleton<ConnectorRepository>();
        services.TryAddSingleton<IConnectorRepository>(sp => sp.GetRequiredService<ConnectorRepository>());
        services.TryAddSingleton<IOAuthStateStore, OAuthStateRepository>();
        services.TryAddSingleton<WebhookDeliveryLog>();
        services.TryAddSingleton<IOAuthRedirectUriResolver, RedirectUriResolver>();
        services.TryAddSingleton<OAuthFlow>();
        services.TryAddSingleton<WebhookProcessor>();
        services.TryAddSingleton<ProgressHub>();
        services.TryAddSingleton<ProgressTickets>();
        services.TryAddSingleton<ConnectorData>();
        services.TryAddSingleton<ConnectorTokenStore>();
        services.Replace(ServiceDescriptor.Singleton<ITokenStore>(sp => sp.GetRequiredService<ConnectorTokenStore>()));

        // The connector's stores in the same SQLite file; any store failure surfaces as ConnectorStoreException (503).
        services.RemoveAll<IRawDataStore>();
        services.RemoveAll<IChunkStore>();
        services.RemoveAll<ISyncStateStore>();
        services.AddSingleton<IRawDataStore>(sp => ConnectorStoreGuard.Wrap(new SqliteRawDataStore(sp.GetRequiredService<ConnectorDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<IChunkStore>(sp => ConnectorStoreGuard.Wrap(new SqliteChunkStore(sp.GetRequiredService<ConnectorDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<ISyncStateStore>(sp => ConnectorStoreGuard.Wrap(new SqliteSyncStateStore(sp.GetRequiredService<ConnectorDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>())));

        // Runs: this host runs ingestion itself (after a sync and on POST /ingest) so that its progress reaches the WebSocket.
        services.AddCarbonVoiceConnector(connector =>
        {
            connector.Sync.EnqueueIngestionAfterSync = false;
            connector.Sync.FetchTextAttachments = true;
            connector.RunIngestionWorker = false;
            configureConnector?.Invoke(connector);
        });
        services.TryAddSingleton(new HostRunMode(null));
        services.TryAddSingleton<IConnectorRunner, ConnectorPackageRunner>();
        services.TryAddSingleton<SyncCoordinator>();
        services.TryAddSingleton<IConnectorRunCoordinator>(sp => sp.GetRequiredService<SyncCoordinator>());
        services.TryAddSingleton<InterruptedRunResumer>();
        services.AddHostedService(sp => sp.GetRequiredService<InterruptedRunResumer>());
        services.AddHostedService<RunDrainOnStop>();

        services.AddHealthChecks().AddCheck<ConnectorStoreHealthCheck>("connector_store", tags: [ConnectorStoreHealthCheck.ReadyTag]);
        return new CarbonVoiceConnectorEndpointsBuilder(services);
    }
}
