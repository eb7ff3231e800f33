using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sdk.Connector.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Changes the parts <c>AddCarbonVoiceConnectorEndpoints</c> registered: storage, run mode, tenancy, stores.</summary>
/// <param name="services">The services.</param>
public sealed class CarbonVoiceConnectorEndpointsBuilder(IServiceCollection services)
{
    /// <summary>The services.</summary>
    public IServiceCollection Services { get; } = services ?? throw new ArgumentNullException(nameof(services));

    /// <summary>
    /// Keeps everything in one PostgreSQL database shared by every host instance and the workers: the connector's stores
    /// (<c>AddCarbonVoiceConnectorPostgreSql</c>) and the host's tables. Keep the tokens there too, where the workers read
    /// them: call <c>UsePostgreSqlTokenStore().UseDataProtectionTokenProtector()</c> on the SDK builder after this.
    /// </summary>
    /// <param name="configure">Sets the connection string and schema.</param>
    public CarbonVoiceConnectorEndpointsBuilder UsePostgreSql(Action<PostgreSqlConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<ConnectorStorageOptions>(storage =>
        {
            var postgres = new PostgreSqlConnectorOptions();
            configure(postgres);
            storage.Provider = ConnectorStorageOptions.PostgreSql;
            storage.ConnectionString = postgres.ConnectionString;
            storage.Schema = postgres.Schema;
        });
        Services.AddCarbonVoiceConnectorPostgreSql(configure);
        Guard<IRawDataStore>(ConnectorStoreGuard.Wrap);
        Guard<IChunkStore>(ConnectorStoreGuard.Wrap);
        Guard<ISyncStateStore>(ConnectorStoreGuard.Wrap);
        return this;
    }

    /// <summary>
    /// Queue mode: syncs and webhook deltas become jobs on the registered <see cref="IConnectorJobQueue"/> (for example
    /// <c>AddCarbonVoiceConnectorAzureQueues</c>); workers run them and their progress comes back through the shared
    /// <see cref="IRunProgressStore"/> (PostgreSQL), which this host relays to the WebSocket.
    /// </summary>
    public CarbonVoiceConnectorEndpointsBuilder UseJobQueue()
    {
        Services.Replace(ServiceDescriptor.Singleton(sp => new HostRunMode(sp.GetRequiredService<IConnectorJobQueue>())));
        Services.TryAddSingleton<RunProgressRelay>();
        Services.AddHostedService(sp => sp.GetRequiredService<RunProgressRelay>());
        Services.Replace(ServiceDescriptor.Singleton<IConnectorRunner, QueuedConnectorRunner>());
        return this;
    }

    /// <summary>Finds tenants another way than the default claim (<see cref="ClaimsTenantResolver"/>).</summary>
    /// <typeparam name="TResolver">The resolver.</typeparam>
    public CarbonVoiceConnectorEndpointsBuilder UseTenantResolver<TResolver>()
        where TResolver : class, ITenantResolver
        => Use<ITenantResolver, TResolver>();

    /// <summary>Keeps connectors elsewhere (register an <c>ITokenStore</c> of your own as well: the default keeps tokens in the connector rows).</summary>
    /// <typeparam name="TRepository">The repository.</typeparam>
    public CarbonVoiceConnectorEndpointsBuilder UseConnectorRepository<TRepository>()
        where TRepository : class, IConnectorRepository
        => Use<IConnectorRepository, TRepository>();

    /// <summary>Keeps pending OAuth authorizations elsewhere.</summary>
    /// <typeparam name="TStore">The store.</typeparam>
    public CarbonVoiceConnectorEndpointsBuilder UseOAuthStateStore<TStore>()
        where TStore : class, IOAuthStateStore
        => Use<IOAuthStateStore, TStore>();

    /// <summary>Starts and stops runs another way.</summary>
    /// <typeparam name="TCoordinator">The coordinator.</typeparam>
    public CarbonVoiceConnectorEndpointsBuilder UseRunCoordinator<TCoordinator>()
        where TCoordinator : class, IConnectorRunCoordinator
        => Use<IConnectorRunCoordinator, TCoordinator>();

    /// <summary>Chooses the OAuth redirect URI another way.</summary>
    /// <typeparam name="TResolver">The resolver.</typeparam>
    public CarbonVoiceConnectorEndpointsBuilder UseRedirectUriResolver<TResolver>()
        where TResolver : class, IOAuthRedirectUriResolver
        => Use<IOAuthRedirectUriResolver, TResolver>();

    private CarbonVoiceConnectorEndpointsBuilder Use<TService, TImplementation>()
        where TService : class
        where TImplementation : class, TService
    {
        Services.Replace(ServiceDescriptor.Singleton<TService, TImplementation>());
        return this;
    }

    /// <summary>Wraps the store a package registered (so its failures answer 503 like the SQLite stores').</summary>
    private void Guard<TStore>(Func<TStore, TStore> wrap)
        where TStore : class
    {
        var registered = Services.Last(d => d.ServiceType == typeof(TStore));
        Services.Remove(registered);
        Services.AddSingleton(sp => wrap((TStore)(registered.ImplementationFactory?.Invoke(sp) ?? registered.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }
}
